import { Pool, PoolClient } from 'pg';
import { AppendResult, checkStreamAppends, StreamAppend } from '../event-store.port';

const DEADLOCK_DETECTED = '40P01';
const ATTEMPTS = 3;

/** Appends one stream's events through a client that holds a transaction. */
export type AppendOn = (client: PoolClient, append: StreamAppend) => Promise<AppendResult>;

/**
 * Several streams' appends in one transaction: a stale stream rolls back those appended before
 * it, so all or none are written. Results in the order given.
 */
export async function appendInOneTransaction(
  pool: Pool,
  appends: StreamAppend[],
  appendOn: AppendOn,
): Promise<AppendResult[]> {
  checkStreamAppends(appends);
  // Every multi-stream append locks its stream rows in the same order, so two never deadlock.
  const inLockOrder = [...appends].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
  return inTransaction(pool, async (client) => {
    const byStream = new Map<string, AppendResult>();
    for (const append of inLockOrder) byStream.set(append.streamId, await appendOn(client, append));
    return appends.map(({ streamId }) => byStream.get(streamId) as AppendResult);
  });
}

/**
 * Commits when `work` returns, rolls back when it throws. A transaction PostgreSQL picked as a
 * deadlock victim (against a combined append, which locks its rows in no set order) was rolled
 * back whole, so it runs again, bounded; any other error reaches the caller.
 */
async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(pool, work);
    } catch (error) {
      const { code } = (error ?? {}) as { code?: unknown };
      if (code !== DEADLOCK_DETECTED || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function once<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
