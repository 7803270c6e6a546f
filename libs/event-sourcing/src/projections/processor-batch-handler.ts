import { Pool } from 'pg';
import { LogPosition } from '../event-store.port';
import { CheckpointMoved, Checkpoints } from '../subscriptions/checkpoints';
import { EventEnvelope } from '../subscriptions/event-envelope';
import { BatchHandler } from '../subscriptions/subscription-runner';
import { Processor } from './processor';

/** Handles events one at a time, moving the checkpoint after each (at-least-once). */
export class ProcessorBatchHandler implements BatchHandler {
  readonly name: string;
  readonly filter;
  readonly batchSize: number;

  constructor(
    readonly processor: Processor,
    private readonly pool: Pool,
  ) {
    this.name = processor.name;
    this.filter = processor.filter;
    this.batchSize = processor.batchSize;
  }

  async handle(wanted: EventEnvelope[], from: LogPosition, to: LogPosition): Promise<void> {
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
