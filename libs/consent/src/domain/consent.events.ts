import { DomainEvent } from '@blocx/event-sourcing';
import { KeywordRule } from './keyword-classifier';

/** The pair a consent is about, and the inbound message that changed it. */
export interface KeywordFact {
  /** The platform's number (E.164). */
  number: string;
  /** The handset that texted it (E.164). */
  recipient: string;
  accountId: string;
  /** The profile the number was on when the text came in. */
  profileId: string | null;
  keyword: string;
  text: string;
  rule: KeywordRule;
  /** The inbound message. */
  messageId: string;
}

/** A reply the profile owes the recipient: the message id it gets and its text at the time. */
export interface KeywordReplyDue {
  messageId: string;
  text: string;
}

/** Which of the profile's replies is sent back. */
export type KeywordReply = 'opt_out' | 'opt_in' | 'help';

/** A reply owed, with everything needed to queue it: from the number to the recipient. */
export interface OwedKeywordReply extends KeywordReplyDue {
  kind: KeywordReply;
  accountId: string;
  profileId: string;
  number: string;
  recipient: string;
}

/** The recipient asked for no more messages from the number. */
export class RecipientOptedOut extends DomainEvent<KeywordFact & { optedOutAt: string }> {}

/**
 * The recipient asked to receive messages from the number again. `reply` is the opt-in message
 * owed (absent when the number had no profile, and in events recorded before replies were).
 */
export class RecipientOptedIn extends DomainEvent<
  KeywordFact & { optedInAt: string; reply?: KeywordReplyDue }
> {}

/** The recipient asked for help; consent is unchanged. `reply` as for an opt-in. */
export class HelpRequested extends DomainEvent<
  KeywordFact & { requestedAt: string; reply?: KeywordReplyDue }
> {}

/**
 * The one confirmation of the current opt-out is owed as message `replyMessageId`, with `text`
 * (absent in events recorded before the text was); `profileId` sends it (the opt-out's profile).
 */
export class OptOutConfirmationQueued extends DomainEvent<{
  number: string;
  recipient: string;
  accountId: string;
  profileId?: string | null;
  optOutMessageId: string;
  replyMessageId: string;
  text?: string;
  queuedAt: string;
}> {}

/**
 * A send to an opted-out recipient was refused: no message exists, but the attempt is a fact (the
 * report counts it as blocked). Kept on its own `sendRefusal-<uuid>` stream, not in the consent
 * history, so refusals never contend with or lengthen the pair's stream.
 */
export class SendRefusedOptedOut extends DomainEvent<{
  refusalId: string;
  number: string;
  recipient: string;
  accountId: string;
  profileId: string;
  refusedAt: string;
}> {}

export const consentEvents = [
  RecipientOptedOut,
  RecipientOptedIn,
  HelpRequested,
  OptOutConfirmationQueued,
  SendRefusedOptedOut,
];

/**
 * The reply a consent event records as owed, if any. Events recorded before replies were logged
 * (and replies without a profile to send them) answer undefined.
 */
export function owedKeywordReply(event: DomainEvent): OwedKeywordReply | undefined {
  if (event instanceof OptOutConfirmationQueued) {
    const { data } = event;
    if (data.text === undefined || !data.profileId) return undefined;
    return {
      kind: 'opt_out',
      messageId: data.replyMessageId,
      text: data.text,
      accountId: data.accountId,
      profileId: data.profileId,
      number: data.number,
      recipient: data.recipient,
    };
  }
  if (event instanceof RecipientOptedIn || event instanceof HelpRequested) {
    const { data } = event;
    if (data.reply === undefined || data.profileId === null) return undefined;
    return {
      kind: event instanceof RecipientOptedIn ? 'opt_in' : 'help',
      ...data.reply,
      accountId: data.accountId,
      profileId: data.profileId,
      number: data.number,
      recipient: data.recipient,
    };
  }
  return undefined;
}
