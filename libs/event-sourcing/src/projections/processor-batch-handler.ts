import { Pool } from 'pg';
import { LogPosition } from '../event-store.port';
import { CheckpointMoved, Checkpoints } from '../subscriptions/checkpoints';
import { EventEnvelope } from '../subscriptions/event-envelope';
import { BatchHandler } from '../subscriptions/subscription-runner';
import { BatchProcessor, Processor } from './processor';

/**
 * At-least-once: a Processor handles events one at a time and the checkpoint moves after each;
 * a BatchProcessor handles the batch at once and the checkpoint moves after it, at most every
 * `checkpointEveryMs`.
 */
export class ProcessorBatchHandler implements BatchHandler {
  readonly name: string;
  readonly filter;
  readonly batchSize: number;
  readonly awaitedByWrites: boolean;
  readonly checkpointEveryMs: number;

  constructor(
    readonly processor: Processor,
    private readonly pool: Pool,
  ) {
    this.name = processor.name;
    this.filter = processor.filter;
    this.batchSize = processor.batchSize;
    this.awaitedByWrites = processor.awaitedByWrites;
    this.checkpointEveryMs = processor instanceof BatchProcessor ? processor.checkpointEveryMs : 0;
  }

  async handle(
    wanted: EventEnvelope[],
    from: LogPosition,
    to: LogPosition,
    store: boolean,
  ): Promise<void> {
    if (this.processor instanceof BatchProcessor) {
      if (wanted.length > 0) await this.processor.handleBatch(wanted);
      if (store) await this.advance(from, to);
      return;
    }
    let at = from;
    for (const envelope of wanted) {
      await this.processor.handle(envelope);
      await this.advance(at, envelope.position);
      at = envelope.position;
    }
    if (at !== to) await this.advance(at, to);
  }

  private async advance(from: LogPosition, to: LogPosition): Promise<void> {
    if (!(await Checkpoints.advance(this.pool, this.name, from, to)))
      throw new CheckpointMoved(this.name);
  }
}
