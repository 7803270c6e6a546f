import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  eventTypes,
  Projection,
  ReadModelWrites,
  TableNames,
} from '@blocx/event-sourcing';
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

interface NewRow {
  id: string;
  account_id: string;
  messaging_profile_id: string | null;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  text: string;
  status: 'queued' | 'received';
  encoding: string;
  parts: number;
  at: string;
}

interface Move {
  id: string;
  status: string;
  at: string;
  errors: object[];
  /** The statuses it may move from: statuses only go forwards, as on the aggregate. */
  from_statuses: string[];
}

/**
 * One row per message as the API shows it. A batch costs one INSERT of every new message and
 * one UPDATE per round of status moves (a message's first move in the batch, then its second…),
 * however many events it holds: moves of different messages commute, and each message's own
 * moves keep their log order.
 */
@Injectable()
export class MessagesProjection extends Projection<Table> {
  readonly name = MESSAGES_PROJECTION;
  readonly tables = [MESSAGES_TABLE] as const;
  override readonly filter = { eventTypes: eventTypes(...messageEvents) };

  apply(envelopes: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<Table>) {
    const table = tables[MESSAGES_TABLE];
    const inserts: NewRow[] = [];
    const rounds: Move[][] = [];
    const movesOf = new Map<string, number>();
    for (const { event } of envelopes) {
      if (event instanceof MessageQueued || event instanceof MessageReceived) {
        inserts.push(newRow(event));
        continue;
      }
      const move = moveOf(event);
      if (move === undefined) continue;
      const round = movesOf.get(move.id) ?? 0;
      movesOf.set(move.id, round + 1);
      (rounds[round] ??= []).push(move);
    }
    if (inserts.length > 0) insert(writes, table, inserts);
    for (const round of rounds) moveAll(writes, table, round);
  }
}

function newRow(event: MessageQueued | MessageReceived): NewRow {
  const d = event.data;
  const queued = event instanceof MessageQueued;
  return {
    id: d.messageId,
    account_id: d.accountId,
    messaging_profile_id: d.profileId,
    direction: queued ? 'outbound' : 'inbound',
    from: d.from,
    to: d.to,
    text: d.text,
    status: queued ? 'queued' : 'received',
    encoding: d.encoding,
    parts: d.parts,
    at: event instanceof MessageQueued ? event.data.queuedAt : event.data.receivedAt,
  };
}

function moveOf(event: object): Move | undefined {
  if (event instanceof MessageSent) {
    const { messageId, sentAt } = event.data;
    return { id: messageId, status: 'sent', at: sentAt, errors: [], from_statuses: ['queued'] };
  }
  if (event instanceof MessageDelivered) {
    const { messageId, deliveredAt } = event.data;
    const from_statuses = ['queued', 'sent'];
    return { id: messageId, status: 'delivered', at: deliveredAt, errors: [], from_statuses };
  }
  if (event instanceof MessageFailed) {
    const { messageId, failedAt, errors } = event.data;
    return {
      id: messageId,
      status: 'failed',
      at: failedAt,
      errors,
      from_statuses: ['queued', 'sent'],
    };
  }
  return undefined;
}

function insert(writes: ReadModelWrites, table: string, rows: NewRow[]) {
  writes.add(
    `INSERT INTO ${table} (id, account_id, messaging_profile_id, direction, "from", "to", text,
       status, encoding, parts, errors, created_at, updated_at)
     SELECT id, account_id, messaging_profile_id, direction, "from", "to", text, status, encoding,
       parts, '[]', at, at
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, account_id uuid, messaging_profile_id uuid,
       direction text, "from" text, "to" text, text text, status text, encoding text, parts int,
       at timestamptz)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/**
 * Each message at most once per call: an UPDATE … FROM changes a row only once. The ids again as
 * an array give the planner an index condition (the join alone may scan the whole table).
 */
function moveAll(writes: ReadModelWrites, table: string, moves: Move[]) {
  writes.add(
    `UPDATE ${table} AS m SET status = u.status, updated_at = u.at, errors = m.errors || u.errors
     FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, status text, at timestamptz, errors jsonb,
       from_statuses text[])
     WHERE m.id = ANY($2::uuid[]) AND m.id = u.id AND m.status = ANY(u.from_statuses)`,
    [JSON.stringify(moves), moves.map((move) => move.id)],
  );
}
