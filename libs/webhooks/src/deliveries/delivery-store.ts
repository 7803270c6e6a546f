import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL, SETTINGS, Settings } from '@blocx/platform';
import { AttemptOutcome, DeliveryStatus, RoundVerdict } from '../domain/delivery-round';

/** What one event becomes for one profile: the job a worker delivers. */
export interface DeliveryJob {
  id: string;
  accountId: string;
  messagingProfileId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface ClaimedDelivery extends DeliveryJob {
  attemptCount: number;
  failedRounds: number;
}

export interface FinishedRound {
  deliveryId: string;
  /** The ordinal of the round's first attempt (attempts number on across rounds). */
  firstOrdinal: number;
  attempts: AttemptOutcome[];
  verdict: RoundVerdict;
}

export interface DeliveryFilter {
  accountId: string;
  messagingProfileId?: string;
  status?: DeliveryStatus;
  limit: number;
  offset: number;
}

export interface DeliveryRow {
  id: string;
  messaging_profile_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  created_at: Date;
  updated_at: Date;
  next_attempt_at: Date;
  attempts: Array<{
    url: string;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
    at: string;
  }>;
}

/** The delivery jobs in PostgreSQL: claimed with SKIP LOCKED under a lease, so no HTTP runs inside a transaction. */
@Injectable()
export class DeliveryStore {
  /**
   * How long a claim holds: a round is at most two attempts of WEBHOOK_TIMEOUT_MS each, plus
   * margin. After that a crashed worker's jobs come back to the others.
   */
  private readonly leaseMs: number;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(SETTINGS) settings: Settings,
  ) {
    this.leaseMs = 2 * settings.webhookTimeoutMs + 5_000;
  }

  /** Idempotent per event id: a replayed event enqueues nothing twice. Answers how many are new. */
  async enqueue(jobs: DeliveryJob[], now: Date): Promise<number> {
    const inserted = await this.pool.query(
      `INSERT INTO webhook_deliveries (id, account_id, messaging_profile_id, event_id, event_type,
         occurred_at, payload, status, next_attempt_at, created_at, updated_at)
       SELECT id, account_id, messaging_profile_id, event_id, event_type, occurred_at, payload,
              'pending', $8, $8, $8
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[],
                   $7::jsonb[])
         AS j(id, account_id, messaging_profile_id, event_id, event_type, occurred_at, payload)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        jobs.map((job) => job.id),
        jobs.map((job) => job.accountId),
        jobs.map((job) => job.messagingProfileId),
        jobs.map((job) => job.eventId),
        jobs.map((job) => job.eventType),
        jobs.map((job) => job.occurredAt),
        jobs.map((job) => JSON.stringify(job.payload)),
        now,
      ],
    );
    return inserted.rowCount ?? 0;
  }

  /** Due jobs nobody holds; a crashed worker's lease runs out and its jobs come back. */
  async claimDue(now: Date, limit: number): Promise<ClaimedDelivery[]> {
    const claimed = await this.pool.query(
      `UPDATE webhook_deliveries SET lease_until = $2
       WHERE id IN (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
         ORDER BY next_attempt_at LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id, account_id, messaging_profile_id, event_id, event_type, occurred_at, payload,
                 attempt_count, failed_rounds`,
      [now, new Date(now.getTime() + this.leaseMs), limit],
    );
    return claimed.rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      messagingProfileId: row.messaging_profile_id,
      eventId: row.event_id,
      eventType: row.event_type,
      occurredAt: row.occurred_at,
      payload: row.payload,
      attemptCount: row.attempt_count,
      failedRounds: row.failed_rounds,
    }));
  }

  /** A batch of finished rounds in one statement: every attempt logged, every job's new state. */
  async finishRounds(rounds: FinishedRound[], now: Date): Promise<void> {
    const attempts = rounds.flatMap((round) =>
      round.attempts.map((outcome, index) => ({
        id: round.deliveryId,
        ordinal: round.firstOrdinal + index,
        outcome,
      })),
    );
    await this.pool.query(
      `WITH attempts AS (
         INSERT INTO webhook_attempts (delivery_id, ordinal, url, status_code, error, duration_ms, at)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::int[], $5::text[], $6::int[],
                              $7::timestamptz[])
         ON CONFLICT DO NOTHING)
       UPDATE webhook_deliveries d
       SET status = r.status, failed_rounds = r.failed_rounds, attempt_count = r.attempt_count,
           next_attempt_at = COALESCE(r.next_attempt_at, d.next_attempt_at), lease_until = NULL,
           updated_at = $13
       FROM unnest($8::uuid[], $9::text[], $10::int[], $11::int[], $12::timestamptz[])
         AS r(id, status, failed_rounds, attempt_count, next_attempt_at)
       WHERE d.id = r.id`,
      [
        attempts.map((a) => a.id),
        attempts.map((a) => a.ordinal),
        attempts.map((a) => a.outcome.url),
        attempts.map((a) => a.outcome.statusCode ?? null),
        attempts.map((a) => a.outcome.error ?? null),
        attempts.map((a) => a.outcome.durationMs),
        attempts.map((a) => a.outcome.at),
        rounds.map((r) => r.deliveryId),
        rounds.map((r) => r.verdict.status),
        rounds.map((r) => r.verdict.failedRounds),
        rounds.map((r) => r.firstOrdinal - 1 + r.attempts.length),
        rounds.map((r) => r.verdict.nextAttemptAt ?? null),
        now,
      ],
    );
  }

  /** "Try again now": a pending round due at once, whatever the schedule said. */
  async retryNow(accountId: string, deliveryId: string, now: Date): Promise<boolean> {
    const updated = await this.pool.query(
      `UPDATE webhook_deliveries
       SET status = 'pending', next_attempt_at = $3, lease_until = NULL, updated_at = $3,
           failed_rounds = CASE WHEN status = 'failed' THEN 0 ELSE failed_rounds END
       WHERE id = $1 AND account_id = $2`,
      [deliveryId, accountId, now],
    );
    return (updated.rowCount ?? 0) > 0;
  }

  async list(filter: DeliveryFilter): Promise<{ rows: DeliveryRow[]; total: number }> {
    const where = `account_id = $1 AND ($2::uuid IS NULL OR messaging_profile_id = $2)
                   AND ($3::text IS NULL OR status = $3)`;
    const params = [filter.accountId, filter.messagingProfileId ?? null, filter.status ?? null];
    const [rows, total] = await Promise.all([
      this.select(`${where} ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5`, [
        ...params,
        filter.limit,
        filter.offset,
      ]),
      this.pool.query(
        `SELECT count(*)::int AS total FROM webhook_deliveries WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total: total.rows[0].total };
  }

  async findOne(accountId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.select('account_id = $1 AND id = $2', [accountId, deliveryId]);
    return row;
  }

  /** Deliveries with their attempts in order, one round trip. */
  private async select(whereAndTail: string, params: unknown[]): Promise<DeliveryRow[]> {
    const result = await this.pool.query(
      `SELECT d.id, d.messaging_profile_id, d.event_id, d.event_type, d.status, d.created_at,
              d.updated_at, d.next_attempt_at,
              COALESCE((SELECT json_agg(json_build_object('url', a.url, 'status_code', a.status_code,
                'error', a.error, 'duration_ms', a.duration_ms, 'at', a.at) ORDER BY a.ordinal)
                FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
       FROM (SELECT * FROM webhook_deliveries WHERE ${whereAndTail}) d
       ORDER BY d.created_at DESC, d.id DESC`,
      params,
    );
    return result.rows;
  }
}
