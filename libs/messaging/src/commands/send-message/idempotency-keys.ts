import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { MessageView } from '../../domain/message.aggregate';

export const IDEMPOTENCY_TABLE = 'message_idempotency_keys';
const KEPT_MS = 24 * 60 * 60 * 1000;
/** How long a duplicate waits for the first request before finishing its work itself. */
const TAKEOVER_AFTER_MS = 5_000;
const POLL_MS = 10;
const PURGE_EVERY = 500;

/** A key as stored: the request it first came with and the message that request queued. */
export interface KeyRecord {
  requestHash: string;
  messageId: string;
  response: MessageView | undefined;
}

export type Claim = { won: true; messageId: string } | { won: false; record: KeyRecord };

export function requestHash(body: { from: unknown; to: unknown; text: unknown }): string {
  return createHash('sha256')
    .update(JSON.stringify([body.from, body.to, body.text]))
    .digest('base64url');
}

/**
 * Idempotency-Key per account, kept 24 hours. The first request claims the key with a unique
 * insert (the message id fixed there); a concurrent duplicate loses the insert and waits for the
 * first one's response. No transaction stays open while the send runs, so this also holds on
 * PGlite, where one open transaction stops every other connection.
 */
@Injectable()
export class IdempotencyKeys {
  private claims = 0;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async find(accountId: string, key: string, now: Date): Promise<KeyRecord | undefined> {
    const { rows } = await this.pool.query(
      `SELECT request_hash, message_id, response FROM ${IDEMPOTENCY_TABLE}
       WHERE account_id = $1 AND key = $2 AND created_at > $3`,
      [accountId, key, new Date(now.getTime() - KEPT_MS)],
    );
    return rows[0] && recordOf(rows[0]);
  }

  /** Claims the key for `messageId`; an expired claim is taken over, a live one is answered. */
  async claim(
    accountId: string,
    key: string,
    hash: string,
    messageId: string,
    now: Date,
  ): Promise<Claim> {
    if (++this.claims % PURGE_EVERY === 0) await this.purge(now);
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${IDEMPOTENCY_TABLE} (account_id, key, request_hash, message_id, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, key) DO UPDATE
         SET request_hash = $3, message_id = $4, response = NULL, created_at = $5
         WHERE ${IDEMPOTENCY_TABLE}.created_at <= $6`,
      [accountId, key, hash, messageId, now, new Date(now.getTime() - KEPT_MS)],
    );
    if ((rowCount ?? 0) > 0) return { won: true, messageId };
    const record = await this.find(accountId, key, now);
    // Expired and purged between the two statements: claim again.
    if (record === undefined) return this.claim(accountId, key, hash, messageId, now);
    return { won: false, record };
  }

  async complete(accountId: string, key: string, response: MessageView): Promise<void> {
    await this.pool.query(
      `UPDATE ${IDEMPOTENCY_TABLE} SET response = $3 WHERE account_id = $1 AND key = $2`,
      [accountId, key, JSON.stringify(response)],
    );
  }

  /** The send failed before queuing anything: free the key for a retry. */
  async release(accountId: string, key: string, messageId: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM ${IDEMPOTENCY_TABLE} WHERE account_id = $1 AND key = $2 AND message_id = $3
         AND response IS NULL`,
      [accountId, key, messageId],
    );
  }

  /** The first request's response once it has one; undefined if it seems to have died. */
  async awaitResponse(accountId: string, key: string, now: Date): Promise<MessageView | undefined> {
    const deadline = Date.now() + TAKEOVER_AFTER_MS;
    while (Date.now() < deadline) {
      const record = await this.find(accountId, key, now);
      if (record?.response !== undefined) return record.response;
      await sleep(POLL_MS);
    }
    return undefined;
  }

  private async purge(now: Date): Promise<void> {
    await this.pool.query(`DELETE FROM ${IDEMPOTENCY_TABLE} WHERE created_at <= $1`, [
      new Date(now.getTime() - KEPT_MS),
    ]);
  }
}

function recordOf(row: {
  request_hash: string;
  message_id: string;
  response: MessageView | null;
}): KeyRecord {
  return {
    requestHash: row.request_hash,
    messageId: row.message_id,
    response: row.response ?? undefined,
  };
}
