import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { isMessageId } from '../../domain/message-id';
import { MessageView } from '../../domain/message.aggregate';
import { MessageNotFound } from '../../domain/message.errors';
import { MESSAGES_TABLE } from '../../projections/messages.projection';
import { MESSAGE_COLUMNS, MessageRow, messageView } from '../message-rows';
import { GetMessage } from './get-message.query';

@QueryHandler(GetMessage)
export class GetMessageHandler implements IQueryHandler<GetMessage> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ accountId, messageId }: GetMessage): Promise<MessageView> {
    if (!isMessageId(messageId)) throw new MessageNotFound(messageId);
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_TABLE} WHERE id = $1 AND account_id = $2`,
      [messageId, accountId],
    );
    if (rows.length === 0) throw new MessageNotFound(messageId);
    return messageView(rows[0]);
  }
}
