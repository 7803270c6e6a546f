import {
  DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { MixedList } from 'typeorm';
import { SETTINGS } from '../config/settings.module';
import { Settings } from '../config/settings';
import { DATABASE_ENDPOINT_PROVIDER, DatabaseEndpoint } from './database-endpoint';

const logger = new Logger('Database');

/** The raw `pg` pool, for the event store and hot paths that TypeORM would only slow down. */
export const PG_POOL = Symbol('PG_POOL');

/**
 * A pool of its own for the subscriptions (the shared read of the log, projection transactions,
 * checkpoints): a burst of requests never makes read-your-writes wait for a connection.
 */
export const PG_SUBSCRIPTIONS_POOL = Symbol('PG_SUBSCRIPTIONS_POOL');

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function>;

export interface DatabaseModuleOptions {
  migrations: MigrationList;
  /** Overrides the DATABASE_POOL_SIZE setting. */
  poolSize?: number;
}

/** Connections of each pool: a real server takes more work at once than the embedded one. */
export interface PoolSizes {
  requests: number;
  subscriptions: number;
  typeorm: number;
}

export function poolSizes(embedded: boolean, configured: number | undefined): PoolSizes {
  return embedded
    ? { requests: configured ?? 10, subscriptions: 3, typeorm: 5 }
    : { requests: configured ?? 20, subscriptions: 6, typeorm: 10 };
}

/**
 * The session settings of every pool on a real server. Named statements (only the event
 * store's) are planned once per connection and reused: their names change as the log doubles,
 * so no plan outlives the table sizes it was made for (see StatementNames in the event store).
 */
export const SERVER_SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

function openPool(db: DatabaseEndpoint, max: number): Pool {
  const pool = new Pool({
    connectionString: db.url,
    max,
    options: db.sharedSession ? undefined : SERVER_SESSION_OPTIONS,
  });
  // An idle connection the server drops (restart, failover, DROP DATABASE) must not crash
  // the process: the pool discards it and opens a new one on the next query.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  return pool;
}

class PoolCloser implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PG_SUBSCRIPTIONS_POOL) private readonly subscriptions: Pool,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.end(), this.subscriptions.end()]);
  }
}

/** Starts the embedded PostgreSQL first when there is no DATABASE_URL. */
@Global()
@Module({ providers: [DATABASE_ENDPOINT_PROVIDER], exports: [DatabaseEndpoint] })
class DatabaseEndpointModule {}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const sizes = (db: DatabaseEndpoint, settings: Settings) =>
      poolSizes(db.sharedSession, options.poolSize ?? settings.databasePoolSize);
    return {
      module: DatabaseModule,
      imports: [
        DatabaseEndpointModule,
        TypeOrmModule.forRootAsync({
          inject: [DatabaseEndpoint, SETTINGS],
          useFactory: (db: DatabaseEndpoint, settings: Settings) => ({
            type: 'postgres',
            url: db.url,
            autoLoadEntities: true,
            synchronize: false,
            migrationsRun: true,
            migrations: options.migrations,
            migrationsTransactionMode: 'each',
            extra: { max: sizes(db, settings).typeorm },
          }),
        }),
      ],
      providers: [
        {
          provide: PG_POOL,
          inject: [DatabaseEndpoint, SETTINGS],
          useFactory: (db: DatabaseEndpoint, settings: Settings) =>
            openPool(db, sizes(db, settings).requests),
        },
        {
          provide: PG_SUBSCRIPTIONS_POOL,
          inject: [DatabaseEndpoint, SETTINGS],
          useFactory: (db: DatabaseEndpoint, settings: Settings) =>
            openPool(db, sizes(db, settings).subscriptions),
        },
        PoolCloser,
      ],
      exports: [PG_POOL, PG_SUBSCRIPTIONS_POOL],
    };
  }
}
