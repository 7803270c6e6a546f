import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { randomInt } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import ts from 'typescript';
import { eventSourcingMigrations } from '@blocx/event-sourcing';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { databaseKinds } from './kernel-harness';

const ROOT = join(__dirname, '../..');
const CHILD = join(ROOT, 'dist/test/event-sourcing/crash-child.js');
const KILLS = 5;

class CreateCrashReadModels1733500000002 implements MigrationInterface {
  name = 'CreateCrashReadModels1733500000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE crash_totals (stream text PRIMARY KEY, events int NOT NULL, total bigint NOT NULL)',
    );
    await runner.query(
      'CREATE TABLE crash_applications (event_id uuid PRIMARY KEY, applied int NOT NULL)',
    );
  }
  async down(): Promise<void> {}
}

/** The child, transpiled to dist/ with the library alias pointing at the compiled library. */
function buildChild(): void {
  const source = readFileSync(join(__dirname, 'crash-child.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      esModuleInterop: true,
    },
  });
  const library = join(ROOT, 'dist/libs/event-sourcing/src');
  mkdirSync(join(ROOT, 'dist/test/event-sourcing'), { recursive: true });
  writeFileSync(
    CHILD,
    outputText.replace(
      /require\("@blocx\/event-sourcing"\)/g,
      `require(${JSON.stringify(library)})`,
    ),
  );
}

function run(
  url: string,
  mode: 'work' | 'drain' | 'rebuild',
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CHILD, url, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function untilOutput(output: () => string, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`child did not print "${text}": ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function finish(url: string, mode: 'drain' | 'rebuild'): Promise<string> {
  const { child, output } = run(url, mode);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${mode} child exited with ${code}: ${output()}`);
  return output();
}

describe.each(databaseKinds())('crash test on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    buildChild();
    database = await createTestDatabase(kind);
    const migrations = [...eventSourcingMigrations, CreateCrashReadModels1733500000002];
    const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    pool = new Pool({ connectionString: database.url, max: 2 });
    pool.on('error', () => undefined); // the forced DROP DATABASE may outrun pool.end()
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const count = async (sql: string): Promise<number> => Number((await pool.query(sql)).rows[0].n);
  const totals = async () =>
    (await pool.query('SELECT stream, events, total::text FROM crash_totals ORDER BY stream')).rows;

  it(`applies every event exactly once across ${KILLS} SIGKILLs, and equals a rebuild`, async () => {
    const lifetimes: number[] = [];
    for (let round = 0; round < KILLS; round++) {
      const { child, output } = run(database.url, 'work');
      await untilOutput(output, 'ready');
      const lifetime = randomInt(300, 1500);
      await new Promise((resolve) => setTimeout(resolve, lifetime));
      child.kill('SIGKILL');
      await once(child, 'exit');
      lifetimes.push(lifetime);
    }
    await finish(database.url, 'drain');

    const events = await count(`SELECT count(*) AS n FROM events WHERE stream_id LIKE 'crash-%'`);
    const applied = await count('SELECT count(*) AS n FROM crash_applications');
    const twice = await count('SELECT count(*) AS n FROM crash_applications WHERE applied <> 1');
    const live = await totals();
    const fromLog = (
      await pool.query(`SELECT stream_id AS stream, count(*)::int AS events,
        sum((data->>'amount')::bigint)::text AS total FROM events
        WHERE stream_id LIKE 'crash-%' GROUP BY stream_id ORDER BY stream_id`)
    ).rows;
    process.stdout.write(
      `[${kind}] crash test: ${events} events appended over ${KILLS} kills (${lifetimes.join(', ')} ms), ${applied} applied, ${twice} applied twice\n`,
    );
    expect(events).toBeGreaterThan(0);
    expect(applied).toBe(events);
    expect(twice).toBe(0);
    expect(live).toEqual(fromLog);

    expect(await finish(database.url, 'rebuild')).toContain(`rebuilt ${events}`);
    expect(await totals()).toEqual(live);
  }, 180_000);
});
