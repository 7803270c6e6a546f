import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { keepExtendedQueriesTogether } from './pglite-protocol-guard';

const LOCK_FILE = 'blocx.pid';

/**
 * An empty PGlite data directory made by the build (dist/pglite-template, beside the compiled
 * libs): a new DATA_DIR starts as a copy of it instead of running initdb.
 */
export const PGLITE_TEMPLATE = join(__dirname, '../../../../pglite-template');
const MAX_CONNECTIONS = 64;

function isRunningProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

/**
 * PostgreSQL in WASM (PGlite) persisted under a directory and served on a loopback port through
 * the wire protocol, so `pg` and TypeORM connect to it exactly as to a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly dataDir: string,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    EmbeddedPostgres.takeLock(dataDir);
    const pgdata = join(dataDir, 'pgdata');
    EmbeddedPostgres.initialise(pgdata);
    // A kill -9 leaves PostgreSQL's own pid file behind; we hold our own lock, so it is stale.
    rmSync(join(pgdata, 'postmaster.pid'), { force: true });
    const db = await PGlite.create(pgdata);
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: MAX_CONNECTIONS,
    });
    keepExtendedQueriesTogether(server, db);
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    return new EmbeddedPostgres(dataDir, db, server, url);
  }

  /** A new data directory starts as a copy of the build's template (renamed in, so never half). */
  private static initialise(pgdata: string): void {
    if (
      existsSync(join(pgdata, 'PG_VERSION')) ||
      !existsSync(join(PGLITE_TEMPLATE, 'PG_VERSION'))
    ) {
      return;
    }
    const copying = `${pgdata}.copying`;
    rmSync(copying, { recursive: true, force: true });
    cpSync(PGLITE_TEMPLATE, copying, { recursive: true });
    rmSync(pgdata, { recursive: true, force: true });
    renameSync(copying, pgdata);
  }

  /** One service per data directory: a live holder stops us, a dead one (kill -9) does not. */
  private static takeLock(dataDir: string): void {
    const lock = join(dataDir, LOCK_FILE);
    if (existsSync(lock)) {
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (isRunningProcess(holder)) {
        throw new Error(`DATA_DIR ${dataDir} is in use by another Blocx process (pid ${holder})`);
      }
    }
    writeFileSync(lock, String(process.pid));
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(join(this.dataDir, LOCK_FILE), { force: true });
  }
}
