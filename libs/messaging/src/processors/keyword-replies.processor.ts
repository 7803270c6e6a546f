import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  causedBy,
  EventEnvelope,
  eventTypes,
  InjectAggregateRepository,
  Processor,
} from '@blocx/event-sourcing';
import {
  HelpRequested,
  OptOutConfirmationQueued,
  owedKeywordReply,
  RecipientOptedIn,
} from '@blocx/consent';
import { QueueKeywordReply } from '../commands/queue-keyword-reply/queue-keyword-reply.command';
import { Message } from '../domain/message.aggregate';

/** The subscription name (its checkpoint). Never rename it. */
export const KEYWORD_REPLIES = 'messaging.keyword-replies';

/**
 * Makes sure every reply the consent log records as owed exists as a message. The inbound
 * command queues the reply itself right after recording the keyword; when the service dies in
 * between, this processor queues it from the log (same id, so never twice).
 */
@Injectable()
export class KeywordReplies extends Processor {
  readonly name = KEYWORD_REPLIES;
  override readonly filter = {
    eventTypes: eventTypes(OptOutConfirmationQueued, RecipientOptedIn, HelpRequested),
  };

  constructor(
    private readonly commands: CommandBus,
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
  ) {
    super();
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const reply = owedKeywordReply(envelope.event);
    if (reply === undefined) return;
    if ((await this.messages.load(Message.stream(reply.messageId))).exists) return;
    await this.commands.execute(new QueueKeywordReply({ reply, metadata: causedBy(envelope) }));
  }
}
