import { Pool } from 'pg';
import { LogPosition } from '../event-store.port';
import { CheckpointMoved, Checkpoints } from '../subscriptions/checkpoints';
import { EventEnvelope } from '../subscriptions/event-envelope';
import { BatchHandler } from '../subscriptions/subscription-runner';
import { Projection, TableNames } from './projection';

/**
 * One transaction per batch: the checkpoint moves first (taking its row lock, and failing if a
 * rebuild moved it), then the projection writes its rows; both commit or neither does.
 */
export class ProjectionBatchHandler<T extends string> implements BatchHandler {
  readonly name: string;
  readonly filter;
  readonly batchSize: number;
  /** Read models are what writes wait for. */
  readonly awaitedByWrites = true;

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
    const client = await this.pool.connect();
    let broken = false;
    try {
      if (!(await Checkpoints.beginAndAdvance(client, this.name, from, to))) {
        throw new CheckpointMoved(this.name);
      }
      if (wanted.length > 0) await this.projection.apply(wanted, client, this.tables);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
