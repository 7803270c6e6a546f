import { EventSourcedAggregate, parseStreamName, streamName } from '@blocx/event-sourcing';
import { MessageEncoding, measureMessageText } from './message-encoding';
import { MessageNotFound } from './message.errors';
import {
  MessageDelivered,
  MessageDirection,
  MessageError,
  MessageFailed,
  MessagePurpose,
  MessageQueued,
  MessageReceived,
  MessageSent,
  MessageStatus,
} from './message.events';

/** What a send or a keyword reply puts on the queue; encoding and parts follow from the text. */
export interface OutboundDraft {
  messageId: string;
  accountId: string;
  profileId: string;
  from: string;
  to: string;
  text: string;
  purpose: MessagePurpose;
}

export interface InboundDraft {
  messageId: string;
  accountId: string;
  profileId: string | null;
  from: string;
  to: string;
  text: string;
}

/** The message object of api.md, in camelCase; times are ISO strings from the events. */
export interface MessageView {
  id: string;
  accountId: string;
  direction: MessageDirection;
  from: string;
  to: string;
  text: string;
  messagingProfileId: string | null;
  status: MessageStatus;
  encoding: MessageEncoding;
  parts: number;
  errors: MessageError[];
  createdAt: string;
  updatedAt: string;
}

/** One step of a message's status history, with the time its event recorded. */
export interface MessageStatusChange {
  status: MessageStatus;
  occurredAt: string;
  /** What made it fail; empty for every other step. */
  errors: MessageError[];
  /** Who took it and under which reference: set on `sent` only. */
  carrier: string | null;
  carrierMessageId: string | null;
}

/** Statuses only move up this ladder: a late or repeated report changes nothing. */
const RANK: Record<MessageStatus, number> = {
  queued: 0,
  received: 0,
  sent: 1,
  delivered: 2,
  failed: 2,
};

/** One SMS (stream `message-<uuid>`): outbound queued → sent → delivered | failed, or inbound received. */
export class Message extends EventSourcedAggregate {
  private view: MessageView | undefined;
  private purposeOf: MessagePurpose = 'send';
  private changes: MessageStatusChange[] = [];

  static stream(messageId: string): string {
    return streamName('message', messageId);
  }

  get exists(): boolean {
    return this.view !== undefined;
  }

  get status(): MessageStatus | undefined {
    return this.view?.status;
  }

  get purpose(): MessagePurpose {
    return this.purposeOf;
  }

  /** The message as the API shows it; MessageNotFound before it exists. */
  toView(): MessageView {
    if (this.view === undefined) throw new MessageNotFound(parseStreamName(this.streamId).id);
    return { ...this.view, errors: [...this.view.errors] };
  }

  /** Every status it had, in log order: queued or received first. */
  get statusHistory(): MessageStatusChange[] {
    return this.changes.map((change) => ({ ...change, errors: [...change.errors] }));
  }

  /** Queues an outbound message. Queuing the same id again is a no-op (retries reuse their id). */
  queue(draft: OutboundDraft, at: Date): void {
    if (this.exists) return;
    const { encoding, parts } = measureMessageText(draft.text);
    this.apply(new MessageQueued({ ...draft, encoding, parts, queuedAt: at.toISOString() }));
  }

  /** Records an inbound message; once per id. */
  receive(draft: InboundDraft, at: Date): void {
    if (this.exists) return;
    const { encoding, parts } = measureMessageText(draft.text);
    this.apply(new MessageReceived({ ...draft, encoding, parts, receivedAt: at.toISOString() }));
  }

  /** The carrier took it. Only a queued message can be sent; later, it is a late report. */
  markSent(carrier: string, carrierMessageId: string, at: Date): void {
    if (!this.movesTo('sent')) return;
    this.apply(
      new MessageSent({ ...this.owner(), carrier, carrierMessageId, sentAt: at.toISOString() }),
    );
  }

  markDelivered(at: Date): void {
    if (!this.movesTo('delivered')) return;
    this.apply(new MessageDelivered({ ...this.owner(), deliveredAt: at.toISOString() }));
  }

  fail(errors: MessageError[], at: Date): void {
    if (!this.movesTo('failed')) return;
    this.apply(new MessageFailed({ ...this.owner(), errors, failedAt: at.toISOString() }));
  }

  onMessageQueued({ data }: MessageQueued): void {
    this.purposeOf = data.purpose;
    this.view = {
      ...contentOf(data),
      direction: 'outbound',
      status: 'queued',
      createdAt: data.queuedAt,
      updatedAt: data.queuedAt,
    };
    this.changes = [statusChange('queued', data.queuedAt)];
  }

  onMessageReceived({ data }: MessageReceived): void {
    this.view = {
      ...contentOf(data),
      direction: 'inbound',
      status: 'received',
      createdAt: data.receivedAt,
      updatedAt: data.receivedAt,
    };
    this.changes = [statusChange('received', data.receivedAt)];
  }

  onMessageSent({ data }: MessageSent): void {
    // Stored JSON is revived unchecked: a sent event without the carrier's reference reads as null.
    const { carrier = null, carrierMessageId = null } = data as Partial<MessageSent['data']>;
    this.moveTo({ ...statusChange('sent', data.sentAt), carrier, carrierMessageId });
  }

  onMessageDelivered({ data }: MessageDelivered): void {
    this.moveTo(statusChange('delivered', data.deliveredAt));
  }

  onMessageFailed({ data }: MessageFailed): void {
    this.moveTo(statusChange('failed', data.failedAt, data.errors));
  }

  /** Outbound only, and only up the ladder; an unknown message is a caller's mistake. */
  private movesTo(status: MessageStatus): boolean {
    if (this.view === undefined) throw new MessageNotFound(parseStreamName(this.streamId).id);
    return this.view.direction === 'outbound' && RANK[status] > RANK[this.view.status];
  }

  private moveTo(change: MessageStatusChange): void {
    if (this.view === undefined) return;
    const { status, occurredAt, errors } = change;
    this.view = {
      ...this.view,
      status,
      updatedAt: occurredAt,
      errors: [...this.view.errors, ...errors],
    };
    this.changes.push(change);
  }

  private owner(): { messageId: string; accountId: string; profileId: string | null } {
    const view = this.toView();
    return { messageId: view.id, accountId: view.accountId, profileId: view.messagingProfileId };
  }
}

function statusChange(
  status: MessageStatus,
  occurredAt: string,
  errors: MessageError[] = [],
): MessageStatusChange {
  return { status, occurredAt, errors, carrier: null, carrierMessageId: null };
}

function contentOf(data: MessageQueued['data'] | MessageReceived['data']) {
  return {
    id: data.messageId,
    accountId: data.accountId,
    messagingProfileId: data.profileId,
    from: data.from,
    to: data.to,
    text: data.text,
    encoding: data.encoding,
    parts: data.parts,
    errors: [],
  };
}
