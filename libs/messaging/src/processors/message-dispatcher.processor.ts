import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { causedBy, EventEnvelope, eventTypes, Processor } from '@blocx/event-sourcing';
import { DispatchMessage } from '../commands/dispatch-message/dispatch-message.command';
import { MessageQueued } from '../domain/message.events';

/** The dispatcher's subscription name (its checkpoint). Never rename it. */
export const MESSAGE_DISPATCHER = 'messaging.dispatcher';

/**
 * Hands every queued message to the carrier through the final gate, in log order. Durable: after
 * a restart it resumes from its checkpoint; a message handled twice is sent once, because
 * DispatchMessage leaves anything but a queued message alone.
 */
@Injectable()
export class MessageDispatcher extends Processor {
  readonly name = MESSAGE_DISPATCHER;
  override readonly filter = { eventTypes: eventTypes(MessageQueued) };

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    if (!(envelope.event instanceof MessageQueued)) return;
    await this.commands.execute(
      new DispatchMessage({
        messageId: envelope.event.data.messageId,
        metadata: causedBy(envelope),
      }),
    );
  }
}
