import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository, LogPosition } from '@blocx/event-sourcing';
import { KeywordReply } from '@blocx/consent';
import { Clock } from '@blocx/platform';
import { Message } from '../../domain/message.aggregate';
import { MessagePurpose } from '../../domain/message.events';
import { createMessage } from '../../lines/message-writes';
import { QueueKeywordReply } from './queue-keyword-reply.command';

const REPLY_PURPOSE: Record<KeywordReply, MessagePurpose> = {
  opt_out: 'opt_out_reply',
  opt_in: 'opt_in_reply',
  help: 'help_reply',
};

@CommandHandler(QueueKeywordReply)
export class QueueKeywordReplyHandler implements ICommandHandler<QueueKeywordReply> {
  constructor(
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly clock: Clock,
  ) {}

  async execute({ reply, metadata }: QueueKeywordReply): Promise<LogPosition | undefined> {
    const draft = {
      messageId: reply.messageId,
      accountId: reply.accountId,
      profileId: reply.profileId,
      from: reply.number,
      to: reply.recipient,
      text: reply.text,
      purpose: REPLY_PURPOSE[reply.kind],
    };
    const { position } = await createMessage(
      this.messages,
      reply.messageId,
      (message) => message.queue(draft, this.clock.now()),
      { ...metadata, account_id: reply.accountId },
    );
    return position;
  }
}
