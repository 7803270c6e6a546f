import { Pool } from 'pg';
import { LogPosition } from '../event-store.port';
import { CheckpointMoved, Checkpoints } from '../subscriptions/checkpoints';
import { EventEnvelope } from '../subscriptions/event-envelope';
import { BatchHandler } from '../subscriptions/subscription-runner';
import { Projection, TableNames } from './projection';
import { ReadModelWrites } from './read-model-writes';

/**
 * One transaction and one round trip per batch: the checkpoint's move (taking its row lock, and
 * failing if a rebuild moved it), then every row the projection writes, as one simple query;
 * both commit or neither does. At a thousand sends a second a batch used to cost five round trips
 * to a busy server, and a send's read-your-writes wait was mostly these batches queueing.
 */
export class ProjectionBatchHandler<T extends string> implements BatchHandler {
  readonly name: string;
  readonly filter;
  readonly batchSize: number;
  /** Read models are what writes wait for. */
  readonly awaitedByWrites = true;
  /** The read model and its checkpoint move together, in every batch. */
  readonly checkpointEveryMs = 0;

  constructor(
    readonly projection: Projection<T>,
    private readonly pool: Pool,
    private readonly tables: TableNames<T>,
    checkpointName: string = projection.name,
  ) {
    this.name = checkpointName;
    this.filter = projection.filter;
    this.batchSize = projection.batchSize;
  }

  async handle(wanted: EventEnvelope[], from: LogPosition, to: LogPosition): Promise<void> {
    const writes = new ReadModelWrites();
    if (wanted.length > 0) this.projection.apply(wanted, writes, this.tables);
    try {
      await this.pool.query(`${Checkpoints.advanceOrFail(this.name, from, to)};\n${writes.sql()}`);
    } catch (error) {
      if (Checkpoints.moved(error)) throw new CheckpointMoved(this.name);
      throw error;
    }
  }
}
