import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { isMessageId } from '../../domain/message-id';
import { Message } from '../../domain/message.aggregate';
import { MessageNotFound } from '../../domain/message.errors';
import {
  GetMessageStatusHistory,
  MessageStatusHistoryView,
} from './get-message-status-history.query';

@QueryHandler(GetMessageStatusHistory)
export class GetMessageStatusHistoryHandler implements IQueryHandler<GetMessageStatusHistory> {
  constructor(
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
  ) {}

  async execute({
    accountId,
    messageId,
  }: GetMessageStatusHistory): Promise<MessageStatusHistoryView> {
    if (!isMessageId(messageId)) throw new MessageNotFound(messageId);
    // Ids are minted lower-case; GET /messages/{id} matches any case, so this does too.
    const message = await this.messages.load(Message.stream(messageId.toLowerCase()));
    // Tenant isolation: another account's message is as unknown as one never sent.
    if (!message.exists || message.toView().accountId !== accountId) {
      throw new MessageNotFound(messageId);
    }
    const { id, status } = message.toView();
    return { messageId: id, status, events: message.statusHistory };
  }
}
