import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { EventEnvelope, eventTypes, Projection, TableNames } from '@blocx/event-sourcing';
import {
  MessageDelivered,
  MessageFailed,
  messageEvents,
  MessageQueued,
  MessageReceived,
  MessageSent,
} from '../domain/message.events';

export const MESSAGES_TABLE = 'messages';
/** Sends and inbound messages wait for it (read-your-writes); never rename it once deployed. */
export const MESSAGES_PROJECTION = 'messaging.messages';

type Table = typeof MESSAGES_TABLE;

/** One row per message as the API shows it; statuses only move forwards, as on the aggregate. */
@Injectable()
export class MessagesProjection extends Projection<Table> {
  readonly name = MESSAGES_PROJECTION;
  readonly tables = [MESSAGES_TABLE] as const;
  override readonly filter = { eventTypes: eventTypes(...messageEvents) };

  async apply(envelopes: EventEnvelope[], tx: PoolClient, tables: TableNames<Table>) {
    const table = tables[MESSAGES_TABLE];
    for (const { event } of envelopes) {
      if (event instanceof MessageQueued || event instanceof MessageReceived) {
        await insert(tx, table, event);
      } else if (event instanceof MessageSent) {
        await move(tx, table, event.data.messageId, 'sent', event.data.sentAt, ['queued']);
      } else if (event instanceof MessageDelivered) {
        const { messageId, deliveredAt } = event.data;
        await move(tx, table, messageId, 'delivered', deliveredAt, ['queued', 'sent']);
      } else if (event instanceof MessageFailed) {
        const { messageId, failedAt, errors } = event.data;
        await move(tx, table, messageId, 'failed', failedAt, ['queued', 'sent'], errors);
      }
    }
  }
}

async function insert(tx: PoolClient, table: string, event: MessageQueued | MessageReceived) {
  const d = event.data;
  const [direction, status, at] =
    event instanceof MessageQueued
      ? ['outbound', 'queued', event.data.queuedAt]
      : ['inbound', 'received', event.data.receivedAt];
  await tx.query(
    `INSERT INTO ${table} (id, account_id, messaging_profile_id, direction, "from", "to", text,
       status, encoding, parts, errors, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '[]', $11, $11)
     ON CONFLICT (id) DO NOTHING`,
    [
      d.messageId,
      d.accountId,
      d.profileId,
      direction,
      d.from,
      d.to,
      d.text,
      status,
      d.encoding,
      d.parts,
      at,
    ],
  );
}

async function move(
  tx: PoolClient,
  table: string,
  id: string,
  status: string,
  at: string,
  from: string[],
  errors: object[] = [],
) {
  await tx.query(
    `UPDATE ${table} SET status = $2, updated_at = $3, errors = errors || $4::jsonb
     WHERE id = $1 AND status = ANY($5)`,
    [id, status, at, JSON.stringify(errors), from],
  );
}
