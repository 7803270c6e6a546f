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

/** The recipient asked for no more messages from the number. */
export class RecipientOptedOut extends DomainEvent<KeywordFact & { optedOutAt: string }> {}

/** The recipient asked to receive messages from the number again. */
export class RecipientOptedIn extends DomainEvent<KeywordFact & { optedInAt: string }> {}

/** The recipient asked for help; consent is unchanged. */
export class HelpRequested extends DomainEvent<KeywordFact & { requestedAt: string }> {}

/** The one confirmation of the current opt-out was queued as message `replyMessageId`. */
export class OptOutConfirmationQueued extends DomainEvent<{
  number: string;
  recipient: string;
  accountId: string;
  optOutMessageId: string;
  replyMessageId: string;
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
