import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { MESSAGES_TABLE } from '../../projections/messages.projection';
import { MESSAGE_COLUMNS, MessageRow, messageView } from '../message-rows';
import { ListMessages, MessagePage } from './list-messages.query';

@QueryHandler(ListMessages)
export class ListMessagesHandler implements IQueryHandler<ListMessages> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: ListMessages): Promise<MessagePage> {
    const where = `account_id = $1 AND ($2::uuid IS NULL OR messaging_profile_id = $2)
      AND ($3::text IS NULL OR direction = $3) AND ($4::text IS NULL OR status = $4)`;
    const params = [
      query.accountId,
      query.messagingProfileId ?? null,
      query.direction ?? null,
      query.status ?? null,
    ];
    const [rows, total] = await Promise.all([
      this.pool.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_TABLE} WHERE ${where}
         ORDER BY created_at DESC, id DESC LIMIT $5 OFFSET $6`,
        [...params, query.limit, query.offset],
      ),
      this.pool.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM ${MESSAGES_TABLE} WHERE ${where}`,
        params,
      ),
    ]);
    return { items: rows.rows.map(messageView), total: total.rows[0].total };
  }
}
