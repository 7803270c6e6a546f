import { spawnSync } from 'node:child_process';
import { TestDatabase } from '../support/test-database';
import { eventStoreContract } from './event-store.contract';
import {
  crossStoreArrivalMs,
  eventStoreDatabase,
  postgresEventStoreFixture,
} from './postgres-event-store.fixture';

/** Jest registers tests synchronously, so whether the server answers is asked synchronously. */
function serverAnswers(url: string): boolean {
  const probe = `const { Client } = require(process.argv[1]);
    const client = new Client({ connectionString: process.argv[2], connectionTimeoutMillis: 2000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const run = spawnSync(process.execPath, ['-e', probe, require.resolve('pg'), url], {
    timeout: 5000,
  });
  return run.status === 0;
}

const url = process.env.DATABASE_URL;
const reachable = url !== undefined && serverAnswers(url);
if (reachable) {
  eventStoreContract('PostgreSQL', () => postgresEventStoreFixture('postgres'));
} else {
  process.stdout.write(
    `PostgreSQL contract suite skipped: DATABASE_URL ${url ? 'does not answer' : 'not set'}\n`,
  );
  it.skip('PostgreSQL contract suite (no reachable DATABASE_URL)', () => undefined);
}

describe('PostgreSQL store across processes', () => {
  const test = reachable ? it : it.skip;
  let database: TestDatabase;
  beforeAll(async () => {
    if (reachable) database = await eventStoreDatabase('postgres');
  });
  afterAll(() => database?.drop());

  test('NOTIFY wakes a subscriber of another store long before its poll', async () => {
    expect(await crossStoreArrivalMs(database, { pollIntervalMs: 5000 })).toBeLessThan(1000);
  });

  test('an event held back by an older open transaction arrives soon after that one ends', async () => {
    const elapsed = await crossStoreArrivalMs(database, { pollIntervalMs: 5000 }, 800);
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(800 + 1000);
  });
});
