import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  EventEnvelope,
  eventTypes,
  Projection,
  ReadModelWrites,
  TableNames,
} from '@blocx/event-sourcing';
import { RecipientOptedIn, RecipientOptedOut, SendRefusedOptedOut } from '@blocx/consent';
import {
  MessageDelivered,
  MessageFailed,
  MessageQueued,
  MessageReceived,
  MessageSent,
} from '../domain/message.events';

export const REPORT_TABLE = 'message_report_counts';
/** Writes wait for it (read-your-writes); never rename it once deployed. */
export const REPORT_PROJECTION = 'messaging.report';

export const REPORT_COUNTS = [
  'queued',
  'sent',
  'delivered',
  'failed',
  'blocked',
  'received',
  'opt_outs',
  'opt_ins',
] as const;
export type ReportCount = (typeof REPORT_COUNTS)[number];

type Table = typeof REPORT_TABLE;

interface Tally {
  accountId: string;
  profileId: string;
  minute: string;
  count: ReportCount;
}

const COUNTED = [
  MessageQueued,
  MessageSent,
  MessageDelivered,
  MessageFailed,
  MessageReceived,
  SendRefusedOptedOut,
  RecipientOptedOut,
  RecipientOptedIn,
];

/** Counts per profile, minute and status, the minute from the event's own time. */
@Injectable()
export class MessageReportProjection extends Projection<Table> {
  readonly name = REPORT_PROJECTION;
  readonly tables = [REPORT_TABLE] as const;
  override readonly filter = { eventTypes: eventTypes(...COUNTED) };

  apply(envelopes: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<Table>) {
    // One row per (profile, minute) with every count it gains, all upserted in one statement.
    const rows = new Map<string, Row>();
    for (const { event } of envelopes) {
      const tally = tallyOf(event);
      if (tally === undefined) continue;
      const key = `${tally.profileId}|${tally.minute}`;
      const row = rows.get(key) ?? newRow(tally);
      row[tally.count] += 1;
      rows.set(key, row);
    }
    if (rows.size === 0) return;
    const table = tables[REPORT_TABLE];
    writes.add(
      `INSERT INTO ${table} (messaging_profile_id, minute, account_id, ${REPORT_COUNTS.join(', ')})
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(messaging_profile_id uuid,
         minute timestamptz, account_id uuid, ${REPORT_COUNTS.map((c) => `${c} int`).join(', ')})
       ON CONFLICT (messaging_profile_id, minute) DO UPDATE SET
         ${REPORT_COUNTS.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ')}`,
      [JSON.stringify([...rows.values()])],
    );
  }
}

type Row = { messaging_profile_id: string; minute: string; account_id: string } & Record<
  ReportCount,
  number
>;

function newRow({ profileId, minute, accountId }: Tally): Row {
  const counts = Object.fromEntries(REPORT_COUNTS.map((count) => [count, 0]));
  return {
    messaging_profile_id: profileId,
    minute,
    account_id: accountId,
    ...(counts as Record<ReportCount, number>),
  };
}

function tallyOf(event: DomainEvent): Tally | undefined {
  const [count, at] = countOf(event) ?? [];
  const data = event.data as { accountId?: string; profileId?: string | null };
  if (count === undefined || at === undefined || !data.accountId || !data.profileId)
    return undefined;
  return { accountId: data.accountId, profileId: data.profileId, minute: minuteOf(at), count };
}

function countOf(event: DomainEvent): [ReportCount, string] | undefined {
  if (event instanceof MessageQueued) return ['queued', event.data.queuedAt];
  if (event instanceof MessageSent) return ['sent', event.data.sentAt];
  if (event instanceof MessageDelivered) return ['delivered', event.data.deliveredAt];
  if (event instanceof MessageFailed) return ['failed', event.data.failedAt];
  if (event instanceof MessageReceived) return ['received', event.data.receivedAt];
  if (event instanceof SendRefusedOptedOut) return ['blocked', event.data.refusedAt];
  if (event instanceof RecipientOptedOut) return ['opt_outs', event.data.optedOutAt];
  if (event instanceof RecipientOptedIn) return ['opt_ins', event.data.optedInAt];
  return undefined;
}

/** The start of the event's minute, as an ISO string. */
function minuteOf(at: string): string {
  const time = new Date(at);
  time.setUTCSeconds(0, 0);
  return time.toISOString();
}
