import { EventSourcedAggregate, streamName } from '@blocx/event-sourcing';
import {
  HelpRequested,
  KeywordFact,
  OptOutConfirmationQueued,
  RecipientOptedIn,
  RecipientOptedOut,
} from './consent.events';

export type ConsentStatus = 'opted_out' | 'opted_in' | 'none';
export type ConsentEntryType = 'opted_out' | 'opted_in' | 'help_requested';

/** One line of the audit trail (api.md `GET /consent/history`). */
export interface ConsentEntry {
  type: ConsentEntryType;
  keyword: string;
  text: string;
  messagingProfileId: string | null;
  messageId: string;
  occurredAt: string;
}

/**
 * Consent of one recipient to one of the platform's numbers (stream `consent-<from>_<to>`, the
 * number's digits, then the recipient's). It stays with the pair when the number changes profile.
 */
export class Consent extends EventSourcedAggregate {
  private entries: ConsentEntry[] = [];
  /** The inbound message of the opt-out in force, and whether it was confirmed. */
  private optOut: { messageId: string; confirmed: boolean } | undefined;

  static stream(number: { digits: string }, recipient: { digits: string }): string {
    return streamName('consent', `${number.digits}_${recipient.digits}`);
  }

  get isOptedOut(): boolean {
    return this.optOut !== undefined;
  }

  get history(): readonly ConsentEntry[] {
    return this.entries;
  }

  /** The trail up to `asOf` (inclusive; all of it when undefined) and the status it leaves. */
  asOf(asOf: Date | undefined): { status: ConsentStatus; entries: ConsentEntry[] } {
    const limit = asOf?.getTime() ?? Infinity;
    const entries = this.entries.filter((entry) => Date.parse(entry.occurredAt) <= limit);
    const last = entries.filter((entry) => entry.type !== 'help_requested').at(-1);
    return { status: (last?.type as ConsentStatus | undefined) ?? 'none', entries };
  }

  /**
   * Records an opt-out unless one is in force (a repeated STOP changes nothing). Answers whether
   * to send the confirmation `replyMessageId`: only once per opt-out.
   */
  optOutBy(request: KeywordFact, replyMessageId: string | undefined, at: Date): boolean {
    if (this.optOut === undefined) {
      this.apply(new RecipientOptedOut({ ...request, optedOutAt: at.toISOString() }));
    }
    if (replyMessageId === undefined || this.optOut?.confirmed !== false) return false;
    this.apply(
      new OptOutConfirmationQueued({
        number: request.number,
        recipient: request.recipient,
        accountId: request.accountId,
        optOutMessageId: this.optOut.messageId,
        replyMessageId,
        queuedAt: at.toISOString(),
      }),
    );
    return true;
  }

  /** Every opt-in keyword is recorded: it ends an opt-out, or confirms consent. */
  optInBy(request: KeywordFact, at: Date): void {
    this.apply(new RecipientOptedIn({ ...request, optedInAt: at.toISOString() }));
  }

  requestHelp(request: KeywordFact, at: Date): void {
    this.apply(new HelpRequested({ ...request, requestedAt: at.toISOString() }));
  }

  onRecipientOptedOut({ data }: RecipientOptedOut): void {
    this.optOut = { messageId: data.messageId, confirmed: false };
    this.entries.push(entryOf('opted_out', data, data.optedOutAt));
  }

  onRecipientOptedIn({ data }: RecipientOptedIn): void {
    this.optOut = undefined;
    this.entries.push(entryOf('opted_in', data, data.optedInAt));
  }

  onHelpRequested({ data }: HelpRequested): void {
    this.entries.push(entryOf('help_requested', data, data.requestedAt));
  }

  onOptOutConfirmationQueued(): void {
    if (this.optOut !== undefined) this.optOut = { ...this.optOut, confirmed: true };
  }
}

function entryOf(type: ConsentEntryType, fact: KeywordFact, occurredAt: string): ConsentEntry {
  return {
    type,
    keyword: fact.keyword,
    text: fact.text,
    messagingProfileId: fact.profileId,
    messageId: fact.messageId,
    occurredAt,
  };
}
