import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { ServiceProcess, startServiceProcess } from './service-process';
import { createTestDatabase, TestDatabase } from './test-database';

/** The built service as a process that a test kills and starts again over the same data. */
export interface RestartableService {
  readonly database: TestDatabase;
  /** A direct connection, to look at the event log itself. */
  readonly db: PgClient;
  readonly operatorKey: string;
  /** Starts the service (again), over the same database and DATA_DIR. */
  start(): Promise<ServiceProcess>;
}

/** Registers the suite's beforeAll/afterAll; the last started process is killed at the end. */
export function restartableService(env: Record<string, string> = {}): RestartableService {
  const operatorKey = 'operator-key-for-restart-tests';
  let database: TestDatabase;
  let db: PgClient;
  let dataDir: string;
  let running: ServiceProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'blocx-restart-'));
    db = new PgClient({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await running?.stop('SIGKILL');
    await db.end();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get database() {
      return database;
    },
    get db() {
      return db;
    },
    operatorKey,
    async start() {
      running = await startServiceProcess({
        ...env,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        ADMIN_API_KEY: operatorKey,
      });
      return running;
    },
  };
}
