import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { Pool } from 'pg';
import { PG_SUBSCRIPTIONS_POOL, Settings, SETTINGS } from '@blocx/platform';
import { EventRegistry } from '../aggregates/event-registry';
import { EventStore } from '../event-store.port';
import { liveTables, Projection, checkProjection } from '../projections/projection';
import { ProjectionBatchHandler } from '../projections/projection-batch-handler';
import { Processor } from '../projections/processor';
import { ProcessorBatchHandler } from '../projections/processor-batch-handler';
import { Checkpoints } from './checkpoints';
import { SubscriptionLocks } from './subscription-locks';
import { SubscriptionProgress } from './subscription-progress';
import { BatchHandler, RunnerContext, SubscriptionRunner } from './subscription-runner';

/**
 * The projections and processors of every context, and their runners: started when the
 * application has bootstrapped (after migrations), stopped gracefully on shutdown. The
 * `SUBSCRIPTIONS` setting picks which of them this instance runs.
 */
@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly checkpoints: Checkpoints;
  readonly locks: SubscriptionLocks;
  private readonly projections = new Map<string, Projection>();
  private readonly handlers = new Map<string, BatchHandler>();
  private readonly runners = new Map<string, SubscriptionRunner>();
  private readonly logger = new Logger(SubscriptionHost.name);

  constructor(
    /** Projection transactions and checkpoints: their own pool, never behind requests. */
    @Inject(PG_SUBSCRIPTIONS_POOL) private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    readonly progress: SubscriptionProgress,
    @Optional() @Inject(SETTINGS) private readonly settings?: Pick<Settings, 'subscriptions'>,
  ) {
    this.checkpoints = new Checkpoints(pool);
    this.locks = new SubscriptionLocks(pool);
  }

  registerProjection(projection: Projection): void {
    checkProjection(projection);
    this.add(new ProjectionBatchHandler(projection, this.pool, liveTables(projection)));
    this.projections.set(projection.name, projection);
  }

  registerProcessor(processor: Processor): void {
    this.add(new ProcessorBatchHandler(processor, this.pool));
  }

  /** The read-model projections, by name. */
  projection(name: string): Projection | undefined {
    return this.projections.get(name);
  }

  projectionNames(): string[] {
    return [...this.projections.keys()];
  }

  runner(name: string): SubscriptionRunner | undefined {
    return this.runners.get(name);
  }

  onApplicationBootstrap(): void {
    const role = this.settings?.subscriptions ?? 'all';
    if (role === 'none') return;
    this.startAll(
      role === 'all' ? undefined : (handler) => handler.awaitedByWrites === (role === 'api'),
    );
  }

  /** Starts the runners (of the handlers `wanted` picks, when given) not running yet. */
  startAll(wanted?: (handler: BatchHandler) => boolean): void {
    const context: RunnerContext = {
      store: this.store,
      registry: this.registry,
      checkpoints: this.checkpoints,
      locks: this.locks,
      progress: this.progress,
    };
    const started = [...this.handlers.values()].filter(
      (handler) => !this.runners.has(handler.name) && (wanted?.(handler) ?? true),
    );
    for (const handler of started) {
      const runner = new SubscriptionRunner(handler, context);
      this.runners.set(handler.name, runner);
      runner.start();
    }
    if (started.length > 0) this.logger.log(`Running ${started.length} subscriptions`);
  }

  /** Each runner finishes its current batch; then the lock connection closes. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
    await this.locks.close();
  }

  private add(handler: BatchHandler): void {
    if (this.handlers.has(handler.name)) {
      throw new Error(`Two subscriptions are named ${handler.name}; names must be unique`);
    }
    this.handlers.set(handler.name, handler);
  }
}
