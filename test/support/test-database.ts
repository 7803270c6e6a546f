import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres-process';

/** A fresh, empty database for one suite: on the PostgreSQL at DATABASE_URL when it answers, else on PGlite. */
export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  url: string;
  /** Set for PGlite: the data directory a service can open itself. */
  dataDir?: string;
  drop(): Promise<void>;
}

async function serverAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let realServer: Promise<boolean> | undefined;

export function usingRealPostgres(): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  realServer ??= url ? serverAnswers(url) : Promise.resolve(false);
  return realServer;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function createOnServer(serverUrl: string): Promise<TestDatabase> {
  const name = `blocx_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    kind: 'postgres',
    url: withDatabase(serverUrl, name),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh PGlite data directory (not started): hand it to a service as DATA_DIR. Its first start
 * copies the build's template (dist/pglite-template), so no suite waits for initdb.
 */
export async function createPgliteDataDir(): Promise<{ dataDir: string; remove(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'blocx-test-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function createOnPglite(): Promise<TestDatabase> {
  const { dataDir, remove } = await createPgliteDataDir();
  const embedded = await startEmbeddedPostgres(dataDir);
  return {
    kind: 'pglite',
    url: embedded.url,
    dataDir,
    async drop() {
      await embedded.stop();
      remove();
    },
  };
}

export async function createTestDatabase(kind?: 'postgres' | 'pglite'): Promise<TestDatabase> {
  const wanted = kind ?? ((await usingRealPostgres()) ? 'postgres' : 'pglite');
  if (wanted === 'postgres') {
    if (!(await usingRealPostgres())) throw new Error('DATABASE_URL does not answer');
    return createOnServer(process.env.DATABASE_URL as string);
  }
  return createOnPglite();
}
