import { EventSourcedAggregate, streamName } from '@blocx/event-sourcing';
import {
  HelpRequested,
  KeywordFact,
  KeywordReplyDue,
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

/** What one account has on record with the recipient for the number. */
interface AccountConsent {
  entries: ConsentEntry[];
  /** The inbound message of the opt-out in force, and whether it was confirmed. */
  optOut: { messageId: string; confirmed: boolean } | undefined;
}

/**
 * Consent of one recipient to one of the platform's numbers (stream `consent-<from>_<to>`, the
 * number's digits, then the recipient's). It stays with the pair when the number changes profile.
 * It is kept per account: an opt-out binds the account whose number was texted, and an account
 * never sees (nor is bound by) what a previous owner of a released number had on record.
 */
export class Consent extends EventSourcedAggregate {
  private readonly accounts = new Map<string, AccountConsent>();

  static stream(number: { digits: string }, recipient: { digits: string }): string {
    return streamName('consent', `${number.digits}_${recipient.digits}`);
  }

  isOptedOutOf(accountId: string): boolean {
    return this.accounts.get(accountId)?.optOut !== undefined;
  }

  /** The account's trail up to `asOf` (inclusive; all of it when undefined) and its status then. */
  asOf(
    accountId: string,
    asOf: Date | undefined,
  ): { status: ConsentStatus; entries: ConsentEntry[] } {
    const limit = asOf?.getTime() ?? Infinity;
    const entries = (this.accounts.get(accountId)?.entries ?? []).filter(
      (entry) => Date.parse(entry.occurredAt) <= limit,
    );
    const last = entries.filter((entry) => entry.type !== 'help_requested').at(-1);
    return { status: (last?.type as ConsentStatus | undefined) ?? 'none', entries };
  }

  /**
   * Records an opt-out unless one is in force (a repeated STOP changes nothing), and the
   * confirmation `reply` owed when given: only once per opt-out.
   */
  optOutBy(request: KeywordFact, reply: KeywordReplyDue | undefined, at: Date): void {
    if (!this.isOptedOutOf(request.accountId)) {
      this.apply(new RecipientOptedOut({ ...request, optedOutAt: at.toISOString() }));
    }
    const optOut = this.accountOf(request.accountId).optOut;
    if (reply === undefined || optOut?.confirmed !== false) return;
    this.apply(
      new OptOutConfirmationQueued({
        number: request.number,
        recipient: request.recipient,
        accountId: request.accountId,
        profileId: request.profileId,
        optOutMessageId: optOut.messageId,
        replyMessageId: reply.messageId,
        text: reply.text,
        queuedAt: at.toISOString(),
      }),
    );
  }

  /** Every opt-in keyword is recorded, with the reply owed: it ends an opt-out, or confirms consent. */
  optInBy(request: KeywordFact, reply: KeywordReplyDue | undefined, at: Date): void {
    this.apply(
      new RecipientOptedIn({ ...request, optedInAt: at.toISOString(), ...(reply && { reply }) }),
    );
  }

  /**
   * Recorded always; the reply is owed unless the account's recipient is opted out (the opt-out
   * confirmation is the only message an opted-out recipient may get).
   */
  requestHelp(request: KeywordFact, reply: KeywordReplyDue | undefined, at: Date): void {
    const owed = this.isOptedOutOf(request.accountId) ? undefined : reply;
    this.apply(
      new HelpRequested({
        ...request,
        requestedAt: at.toISOString(),
        ...(owed && { reply: owed }),
      }),
    );
  }

  onRecipientOptedOut({ data }: RecipientOptedOut): void {
    const account = this.accountOf(data.accountId);
    account.optOut = { messageId: data.messageId, confirmed: false };
    account.entries.push(entryOf('opted_out', data, data.optedOutAt));
  }

  onRecipientOptedIn({ data }: RecipientOptedIn): void {
    const account = this.accountOf(data.accountId);
    account.optOut = undefined;
    account.entries.push(entryOf('opted_in', data, data.optedInAt));
  }

  onHelpRequested({ data }: HelpRequested): void {
    this.accountOf(data.accountId).entries.push(entryOf('help_requested', data, data.requestedAt));
  }

  onOptOutConfirmationQueued({ data }: OptOutConfirmationQueued): void {
    const account = this.accountOf(data.accountId);
    if (account.optOut !== undefined) account.optOut = { ...account.optOut, confirmed: true };
  }

  private accountOf(accountId: string): AccountConsent {
    let account = this.accounts.get(accountId);
    if (account === undefined) {
      account = { entries: [], optOut: undefined };
      this.accounts.set(accountId, account);
    }
    return account;
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
