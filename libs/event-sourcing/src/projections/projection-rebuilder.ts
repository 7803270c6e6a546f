import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { DomainError, PG_POOL, StateConflict } from '@blocx/platform';
import { EventRegistry } from '../aggregates/event-registry';
import { EventStore, LOG_START, LogPosition, RecordedEvent } from '../event-store.port';
import { CheckpointMoved, Checkpoints } from '../subscriptions/checkpoints';
import { envelope } from '../subscriptions/event-envelope';
import { SubscriptionHost } from '../subscriptions/subscription-host';
import { liveTables, Projection, shadowTable, shadowTables } from './projection';
import { ProjectionBatchHandler } from './projection-batch-handler';
import { ReadModelWrites } from './read-model-writes';

export interface RebuildReport {
  projection: string;
  events: number;
  seconds: number;
  position: LogPosition;
}

const REBUILD_BATCH = 2000;

export class ProjectionNotFound extends DomainError {
  constructor(name: string) {
    super(404, 'projection_not_found', 'Not found', `No read-model projection is named ${name}`);
  }
}

/**
 * Rebuilds a projection from the start of the log into `<table>__rebuild` copies while reads keep
 * using the live tables, then swaps them in one transaction and moves the checkpoint to where
 * the copies are; the live runner resumes from there (status `catching_up` until it is at the head).
 */
@Injectable()
export class ProjectionRebuilder {
  private readonly running = new Map<string, Promise<RebuildReport>>();
  private readonly logger = new Logger(ProjectionRebuilder.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    private readonly host: SubscriptionHost,
  ) {}

  /** Starts a rebuild (or joins the one running here); 404 for an unknown projection. */
  async start(name: string): Promise<{ done: Promise<RebuildReport> }> {
    const projection = this.host.projection(name);
    if (projection === undefined) throw new ProjectionNotFound(name);
    const running = this.running.get(name);
    if (running !== undefined) return { done: running };
    if (!(await this.host.locks.tryAcquire(rebuildLock(name)))) {
      throw new StateConflict(
        'rebuild_in_progress',
        `Projection ${name} is being rebuilt elsewhere`,
      );
    }
    const rebuild = this.run(projection).finally(() => {
      this.running.delete(name);
      void this.host.locks.release(rebuildLock(name));
    });
    this.running.set(name, rebuild);
    rebuild.catch((error: unknown) =>
      this.logger.error(`Rebuild of ${name} failed: ${String(error)}`),
    );
    return { done: rebuild };
  }

  /** Rebuilds and resolves when the tables are swapped. */
  async rebuild(name: string): Promise<RebuildReport> {
    const { done } = await this.start(name);
    return done;
  }

  isRebuilding(name: string): boolean {
    return this.running.has(name);
  }

  private async run(projection: Projection): Promise<RebuildReport> {
    const started = process.hrtime.bigint();
    const checkpoints = this.host.checkpoints;
    await checkpoints.load(projection.name);
    await checkpoints.setStatus(projection.name, 'rebuilding');
    try {
      await this.createShadows(projection);
      const { events, position } = await this.replay(projection);
      await this.swap(projection, position);
      await this.catchUp(projection, position);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.logger.log(`Rebuilt ${projection.name}: ${events} events in ${seconds.toFixed(1)} s`);
      return { projection: projection.name, events, seconds, position };
    } catch (error) {
      await this.dropShadows(projection).catch(() => undefined);
      await checkpoints.setStatus(projection.name, 'live').catch(() => undefined);
      throw error;
    }
  }

  private async createShadows(projection: Projection): Promise<void> {
    await this.dropShadows(projection);
    for (const table of projection.tables) {
      await this.pool.query(`CREATE TABLE ${shadowTable(table)} (LIKE ${table} INCLUDING ALL)`);
    }
  }

  private async dropShadows(projection: Projection): Promise<void> {
    for (const table of projection.tables) {
      await this.pool.query(`DROP TABLE IF EXISTS ${shadowTable(table)}`);
    }
  }

  /** The whole log through the projection into the shadow tables, a transaction per batch. */
  private async replay(projection: Projection): Promise<{ events: number; position: LogPosition }> {
    const read = (after: LogPosition) =>
      this.store.readAll({ after, maxCount: REBUILD_BATCH, filter: projection.filter });
    let position = LOG_START;
    let events = 0;
    let next = read(position);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) return { events, position };
      position = batch[batch.length - 1].position;
      // Read the next batch while this one is written (on PGlite the read simply waits its turn).
      next = read(position);
      next.catch(() => undefined);
      await this.applyToShadows(projection, batch);
      events += batch.length;
    }
  }

  private async applyToShadows(projection: Projection, batch: RecordedEvent[]): Promise<void> {
    const writes = new ReadModelWrites();
    projection.apply(
      batch.map((event) => envelope(this.registry, event)),
      writes,
      shadowTables(projection),
    );
    Checkpoints.addStatus(writes, projection.name, 'rebuilding');
    // One simple query: one transaction.
    await this.pool.query(writes.sql());
  }

  /** Live → old, shadow → live, old dropped, checkpoint moved: all or nothing. */
  private async swap(projection: Projection, position: LogPosition): Promise<void> {
    await this.transaction(async (tx) => {
      await Checkpoints.lock(tx, projection.name);
      for (const table of projection.tables) {
        await tx.query(`ALTER TABLE ${table} RENAME TO ${table}__old`);
        await tx.query(`ALTER TABLE ${shadowTable(table)} RENAME TO ${table}`);
        await tx.query(`DROP TABLE ${table}__old`);
      }
      await Checkpoints.move(tx, projection.name, position, 'catching_up');
    });
    this.host.progress.report(projection.name, position);
    await this.host.runner(projection.name)?.restartFromCheckpoint();
  }

  /**
   * Applies what was appended while the shadow tables were filled, through the live path (the
   * checkpoint compare-and-set), so a runner in another process that had already passed those
   * events is not left claiming a position the new tables have not reached. Stops as soon as
   * the live runner moves the checkpoint itself.
   */
  private async catchUp(projection: Projection, from: LogPosition): Promise<void> {
    const handler = new ProjectionBatchHandler(projection, this.pool, liveTables(projection));
    for (let after = from; ;) {
      const batch = await this.store.readAll({
        after,
        maxCount: REBUILD_BATCH,
        filter: projection.filter,
      });
      if (batch.length === 0) break;
      const to = batch[batch.length - 1].position;
      try {
        await handler.handle(
          batch.map((event) => envelope(this.registry, event)),
          after,
          to,
        );
      } catch (error) {
        if (error instanceof CheckpointMoved) return;
        throw error;
      }
      this.host.progress.report(projection.name, to);
      after = to;
    }
    await this.host.checkpoints.setStatus(projection.name, 'live');
  }

  private async transaction(work: (tx: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

function rebuildLock(name: string): string {
  return `rebuild:${name}`;
}
