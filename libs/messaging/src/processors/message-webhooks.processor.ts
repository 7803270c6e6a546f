import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  BatchProcessor,
  deterministicId,
  DomainEvent,
  EventEnvelope,
  EventRegistry,
  EventStore,
  eventTypes,
} from '@blocx/event-sourcing';
import { MessagingProfileView } from '@blocx/profiles';
import { Message } from '../domain/message.aggregate';
import {
  MessageDelivered,
  MessageFailed,
  MessageReceived,
  MessageSent,
} from '../domain/message.events';
import { toMessageResponse } from '../http/message.response';
import { profileSettings } from '../lines/sending-profiles';
import { DeliveryJob, EnqueueWebhookDeliveries } from '@blocx/webhooks';

/** The subscription name (its checkpoint). Never rename it. */
export const MESSAGE_WEBHOOKS = 'messaging.webhooks';

type Notified = MessageSent | MessageDelivered | MessageFailed | MessageReceived;

function notice(event: DomainEvent): { type: string; at: string } | undefined {
  if (event instanceof MessageSent) return { type: 'message.sent', at: event.data.sentAt };
  if (event instanceof MessageDelivered) {
    return { type: 'message.delivered', at: event.data.deliveredAt };
  }
  if (event instanceof MessageFailed) return { type: 'message.failed', at: event.data.failedAt };
  if (event instanceof MessageReceived) {
    return { type: 'message.received', at: event.data.receivedAt };
  }
  return undefined;
}

/**
 * Turns message events into webhook delivery jobs for profiles that subscribe to them. The
 * webhook id is the event's id, so a replayed event enqueues nothing twice; the payload is the
 * message as it was right after the event, replayed from its stream. A batch reads the profiles
 * of all its events at once, then enqueues in log order.
 */
@Injectable()
export class MessageWebhooks extends BatchProcessor {
  readonly name = MESSAGE_WEBHOOKS;
  override readonly filter = {
    eventTypes: eventTypes(MessageSent, MessageDelivered, MessageFailed, MessageReceived),
  };

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
  ) {
    super();
  }

  async handleBatch(envelopes: EventEnvelope[]): Promise<void> {
    const settings = new Map<string, Promise<MessagingProfileView | undefined>>();
    for (const { event } of envelopes) {
      const { accountId, profileId } = (event as Notified).data;
      if (notice(event) === undefined || profileId === null) continue;
      const key = `${accountId}/${profileId}`;
      if (!settings.has(key))
        settings.set(key, profileSettings(this.queries, accountId, profileId));
    }
    // Settle all before any failure surfaces, so no lookup outlives the batch.
    await Promise.allSettled(settings.values());
    // Built concurrently: the stream reads of one turn share a statement; then one insert.
    const jobs = await Promise.all(
      envelopes.map(async (envelope) => {
        const { accountId, profileId } = (envelope.event as Notified).data;
        const profile = settings.get(`${accountId}/${profileId}`);
        return profile === undefined ? undefined : this.jobFor(envelope, await profile);
      }),
    );
    await this.commands.execute(
      new EnqueueWebhookDeliveries(jobs.filter((job): job is DeliveryJob => job !== undefined)),
    );
  }

  private async jobFor(
    envelope: EventEnvelope,
    profile: MessagingProfileView | undefined,
  ): Promise<DeliveryJob | undefined> {
    const found = notice(envelope.event);
    const { accountId, profileId } = (envelope.event as Notified).data;
    if (found === undefined || profileId === null) return undefined;
    const wanted = profile?.webhookEvents.some((type) => type === found.type) ?? false;
    if (!wanted || (profile?.webhookUrl ?? profile?.webhookFailoverUrl ?? null) === null) {
      return undefined;
    }
    return {
      id: deterministicId(envelope, 'webhook-delivery'),
      accountId,
      messagingProfileId: profileId,
      eventId: envelope.id,
      eventType: found.type,
      occurredAt: new Date(found.at),
      payload: { ...(await this.messageAt(envelope)) },
    };
  }

  /** The message object right after this event, not as it is by now. */
  private async messageAt(envelope: EventEnvelope) {
    const recorded = await this.store.readStream(envelope.streamId, {
      maxCount: Number(envelope.revision) + 1,
    });
    const message = new Message(envelope.streamId);
    message.replay(
      recorded.map((event) => this.registry.revive(event)),
      envelope.revision,
    );
    return toMessageResponse(message.toView());
  }
}
