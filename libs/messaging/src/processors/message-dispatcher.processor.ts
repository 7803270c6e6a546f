import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BatchProcessor, causedBy, EventEnvelope, eventTypes } from '@blocx/event-sourcing';
import { DispatchMessage } from '../commands/dispatch-message/dispatch-message.command';
import { MessageQueued } from '../domain/message.events';

/** The dispatcher's subscription name (its checkpoint). Never rename it. */
export const MESSAGE_DISPATCHER = 'messaging.dispatcher';

/** Messages of one batch in hand at once: their reads share statements, their appends overlap. */
const CONCURRENT_DISPATCHES = 16;

/**
 * Hands every queued message to the carrier through the final gate. A batch of queued messages
 * is dispatched concurrently (each message is its own stream, and the gate reads each one's rules
 * as they are at its hand-off); the checkpoint moves once all are done. Durable: after a restart
 * it resumes from its checkpoint; a message handled twice is sent once, because DispatchMessage
 * leaves anything but a queued message alone.
 */
@Injectable()
export class MessageDispatcher extends BatchProcessor {
  readonly name = MESSAGE_DISPATCHER;
  override readonly filter = { eventTypes: eventTypes(MessageQueued) };
  override readonly batchSize = 200;

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handleBatch(envelopes: EventEnvelope[]): Promise<void> {
    await this.forEachConcurrently(envelopes, CONCURRENT_DISPATCHES, async (envelope) => {
      if (!(envelope.event instanceof MessageQueued)) return;
      await this.commands.execute(
        new DispatchMessage({
          messageId: envelope.event.data.messageId,
          metadata: causedBy(envelope),
        }),
      );
    });
  }
}
