import { ClientBase, Pool } from 'pg';
import { LogPosition } from '../event-store.port';
import { ReadModelWrites, sqlLiteral } from '../projections/read-model-writes';

export type ProjectionStatus = 'live' | 'rebuilding' | 'catching_up';

export interface CheckpointRow {
  name: string;
  position: LogPosition;
  status: ProjectionStatus;
  /** Seconds since a rebuild last reported progress; undefined when none ever did. */
  rebuildSilentFor: number | undefined;
}

interface Row {
  name: string;
  commit_position: string;
  prepare_position: string;
  status: ProjectionStatus;
  rebuild_silent_for: number | null;
}

const COLUMNS = `name, commit_position, prepare_position, status,
  extract(epoch FROM now() - rebuild_heartbeat_at)::float8 AS rebuild_silent_for`;

type Queryable = Pick<ClientBase, 'query'>;

const SET_STATUS = `INSERT INTO subscription_checkpoints (name, status) VALUES ($1, $2)
  ON CONFLICT (name) DO UPDATE SET status = $2, updated_at = now(),
    rebuild_heartbeat_at = CASE WHEN $2 = 'rebuilding' THEN now()
      ELSE subscription_checkpoints.rebuild_heartbeat_at END`;

/*
 * ASYNCHRONOUS_COMMIT: checkpoint transactions (a projection's batch, a processor's step) commit
 * without waiting for the WAL flush. A crash of the database can lose the last few of them, but
 * each whole, never in part: a read model and its checkpoint go back together and the events are
 * applied again from the log (exactly once still), a processor handles its last events again (it
 * is idempotent). The event log's own appends keep synchronous commits: they are the truth.
 */

function toCheckpoint(row: Row): CheckpointRow {
  return {
    name: row.name,
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    status: row.status,
    rebuildSilentFor: row.rebuild_silent_for ?? undefined,
  };
}

/** The `subscription_checkpoints` table. */
export class Checkpoints {
  constructor(private readonly pool: Pool) {}

  /** The stored checkpoint, creating it at the start of the log for a new subscription. */
  async load(name: string): Promise<CheckpointRow> {
    await this.pool.query(
      'INSERT INTO subscription_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
      [name],
    );
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM subscription_checkpoints WHERE name = $1`,
      [name],
    );
    return toCheckpoint(rows[0]);
  }

  async all(names: string[]): Promise<CheckpointRow[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM subscription_checkpoints WHERE name = ANY($1::text[])`,
      [names],
    );
    return rows.map(toCheckpoint);
  }

  /** Sets the status; `rebuilding` also beats the rebuild's heartbeat. */
  async setStatus(name: string, status: ProjectionStatus): Promise<void> {
    await this.pool.query(SET_STATUS, [name, status]);
  }

  /** `setStatus` as one of a batch's writes (a rebuild's batch: shadow rows and heartbeat). */
  static addStatus(writes: ReadModelWrites, name: string, status: ProjectionStatus): void {
    writes.add(SET_STATUS, [name, status]);
  }

  /**
   * Moves the checkpoint from `from` to `to` only if it is still at `from` (false otherwise: a
   * rebuild moved it), in a transaction of its own that commits asynchronously (see
   * ASYNCHRONOUS_COMMIT): a processor's checkpoint lost to a crash only means its last events are
   * handled again, which its idempotent effects allow.
   */
  static async advance(
    db: Queryable,
    name: string,
    from: LogPosition,
    to: LogPosition,
  ): Promise<boolean> {
    try {
      await db.query(Checkpoints.advanceOrFail(name, from, to));
      return true;
    } catch (error) {
      if (Checkpoints.moved(error)) return false;
      throw error;
    }
  }

  /**
   * `advance` as the first statement of a projection's batch (a simple query): it fails with
   * SQLSTATE BX409 when the checkpoint is not at `from`, so that nothing of the batch stays; the
   * row lock it takes also orders the batch against a rebuild's swap. The transaction commits
   * asynchronously (see ASYNCHRONOUS_COMMIT).
   */
  static advanceOrFail(name: string, from: LogPosition, to: LogPosition): string {
    const values = [name, ...[from.commit, from.prepare, to.commit, to.prepare].map(String)];
    return `SELECT advance_checkpoint(${values.map(sqlLiteral).join(', ')})`;
  }

  /** The error of `advanceOrFail` when the checkpoint had moved. */
  static moved(error: unknown): boolean {
    return (error as { code?: unknown } | undefined)?.code === 'BX409';
  }

  /** Sets the checkpoint unconditionally (a rebuild's swap, under the row lock it took). */
  static async move(
    db: Queryable,
    name: string,
    to: LogPosition,
    status: ProjectionStatus,
  ): Promise<void> {
    await db.query(
      `INSERT INTO subscription_checkpoints (name, commit_position, prepare_position, status)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET commit_position = $2, prepare_position = $3,
         status = $4, updated_at = now()`,
      [name, String(to.commit), String(to.prepare), status],
    );
  }

  /** Takes the row lock, so a running batch of the live projection finishes first. */
  static async lock(db: Queryable, name: string): Promise<void> {
    await db.query('SELECT 1 FROM subscription_checkpoints WHERE name = $1 FOR UPDATE', [name]);
  }
}

/** The checkpoint moved under a runner (a rebuild swapped its tables): reload and resume. */
export class CheckpointMoved extends Error {
  constructor(readonly subscription: string) {
    super(`The checkpoint of ${subscription} moved under its runner; resuming from the stored one`);
    this.name = 'CheckpointMoved';
  }
}
