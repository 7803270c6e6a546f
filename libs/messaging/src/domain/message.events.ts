import { DomainEvent } from '@blocx/event-sourcing';
import { MessageEncoding } from './message-encoding';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'received';

/**
 * Why an outbound message exists: a customer's send, or the automatic reply to a keyword. The
 * opt-out confirmation is the one message the final gate lets through to an opted-out recipient.
 */
export type MessagePurpose = 'send' | 'opt_out_reply' | 'opt_in_reply' | 'help_reply';

/** One entry of a message's `errors` (api.md). */
export interface MessageError {
  code: string;
  title: string;
  detail: string;
}

/** Who a message belongs to: every event carries it, so projections and webhooks need no lookups. */
interface MessageOwner {
  messageId: string;
  accountId: string;
  /** The profile it was sent or received under; it keeps it when the number moves. */
  profileId: string | null;
}

interface MessageContent {
  from: string;
  to: string;
  text: string;
  encoding: MessageEncoding;
  parts: number;
}

/** An outbound message was accepted and waits for the dispatcher. */
export class MessageQueued extends DomainEvent<
  MessageOwner & MessageContent & { purpose: MessagePurpose; queuedAt: string }
> {}

/** The carrier took the message. */
export class MessageSent extends DomainEvent<
  MessageOwner & { carrier: string; carrierMessageId: string; sentAt: string }
> {}

/** The carrier reported delivery to the handset. */
export class MessageDelivered extends DomainEvent<MessageOwner & { deliveredAt: string }> {}

/** The message will not arrive: refused by the final gate or by the carrier. */
export class MessageFailed extends DomainEvent<
  MessageOwner & { errors: MessageError[]; failedAt: string }
> {}

/** A handset texted one of the platform's numbers. */
export class MessageReceived extends DomainEvent<
  MessageOwner & MessageContent & { receivedAt: string }
> {}

export const messageEvents = [
  MessageQueued,
  MessageSent,
  MessageDelivered,
  MessageFailed,
  MessageReceived,
];
