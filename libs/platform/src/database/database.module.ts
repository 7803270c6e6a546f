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
import { DATABASE_ENDPOINT_PROVIDER, DatabaseEndpoint } from './database-endpoint';

const logger = new Logger('Database');

/** The raw `pg` pool, for the event store and hot paths that TypeORM would only slow down. */
export const PG_POOL = Symbol('PG_POOL');

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function>;

export interface DatabaseModuleOptions {
  migrations: MigrationList;
  poolSize?: number;
}

class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
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
    const poolSize = options.poolSize ?? 10;
    return {
      module: DatabaseModule,
      imports: [
        DatabaseEndpointModule,
        TypeOrmModule.forRootAsync({
          inject: [DatabaseEndpoint],
          useFactory: (db: DatabaseEndpoint) => ({
            type: 'postgres',
            url: db.url,
            autoLoadEntities: true,
            synchronize: false,
            migrationsRun: true,
            migrations: options.migrations,
            migrationsTransactionMode: 'each',
            extra: { max: poolSize },
          }),
        }),
      ],
      providers: [
        {
          provide: PG_POOL,
          inject: [DatabaseEndpoint],
          useFactory: (db: DatabaseEndpoint) => {
            const pool = new Pool({ connectionString: db.url, max: poolSize });
            // An idle connection the server drops (restart, failover, DROP DATABASE) must not crash
            // the process: the pool discards it and opens a new one on the next query.
            pool.on('error', (error) =>
              logger.warn(`idle database connection lost: ${error.message}`),
            );
            return pool;
          },
        },
        PoolCloser,
      ],
      exports: [PG_POOL],
    };
  }
}
