import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BatchProcessor, causedBy, EventEnvelope, eventTypes } from '@blocx/event-sourcing';
import { DispatchMessage } from '../commands/dispatch-message/dispatch-message.command';
import { MessageQueued } from '../domain/message.events';

/** The dispatcher's subscription name (its checkpoint). Never rename it. */
export const MESSAGE_DISPATCHER = 'messaging.dispatcher';

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
    // The whole batch in lockstep: each step's reads and appends of all its messages go out in
    // the same turn, so they share statements (at 1,000 sends/s this kept the dispatcher ~25 ms
    // behind the log instead of ~1.5 s with 16 at a time).
    await this.forEachConcurrently(envelopes, envelopes.length, async (envelope) => {
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
