import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../support/api-client';
import { createPgliteDataDir } from '../support/test-database';
import { spawnService, startServiceProcess } from '../support/service-process';

/** With no DATABASE_URL the service runs on embedded PostgreSQL under DATA_DIR, and keeps its data. */
describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  let dataDir: string;
  let removeDataDir: () => void;

  beforeAll(async () => {
    ({ dataDir, remove: removeDataDir } = await createPgliteDataDir());
  });
  afterAll(() => removeDataDir());

  const env = () => ({ DATA_DIR: dataDir, ADMIN_API_KEY: 'operator-key-for-embedded-tests' });

  it('keeps an account across a clean restart and across kill -9', async () => {
    const first = await startServiceProcess(env());
    const operator = new ApiClient(first.baseUrl, env().ADMIN_API_KEY);
    const created = await operator.post('/accounts', { name: 'Survivor' });
    expect(created.status).toBe(201);
    const key = created.body.data.api_key as string;
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServiceProcess(env());
    const health = await new ApiClient(second.baseUrl).get('/health');
    expect(health.body.details.database.status).toBe('up');
    // The key works after the restart: the account and its hash were persisted.
    expect((await new ApiClient(second.baseUrl, key).post('/accounts', { name: 'x' })).status).toBe(
      403,
    );
    const another = await new ApiClient(second.baseUrl, env().ADMIN_API_KEY).post('/accounts', {
      name: 'Late',
    });
    expect(another.status).toBe(201);
    await second.stop('SIGKILL');

    // kill -9 leaves the lock and PostgreSQL's pid file behind: the next start must not care.
    const third = await startServiceProcess(env());
    expect(
      (
        await new ApiClient(third.baseUrl, another.body.data.api_key).post('/accounts', {
          name: 'y',
        })
      ).status,
    ).toBe(403);
    expect((await new ApiClient(third.baseUrl, key).post('/accounts', { name: 'y' })).status).toBe(
      403,
    );
    expect(
      (await new ApiClient(third.baseUrl, 'blx_unknown').post('/accounts', { name: 'y' })).status,
    ).toBe(401);
    await third.stop();
  }, 90_000);

  it('refuses a second live service on the same DATA_DIR', async () => {
    const running = await startServiceProcess(env());
    const intruder = spawnService({ ...env(), PORT: '0' });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/in use by another Blocx process/);
    await running.stop();
  }, 60_000);

  /** The cluster's system identifier: the first 8 bytes of pg_control, set once by initdb. */
  const systemIdentifier = (pgdata: string) =>
    readFileSync(join(pgdata, 'global', 'pg_control'))
      .subarray(0, 8)
      .toString('hex');

  it('generates the operator key once, prints it once, and keeps it', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'blocx-opkey-'));
    try {
      const first = await startServiceProcess({ DATA_DIR: fresh });
      await first.stop();
      // A new DATA_DIR starts as a copy of the build's PGlite template (no initdb at start).
      const template = join(__dirname, '../../dist/pglite-template');
      expect(existsSync(join(fresh, 'pgdata.copying'))).toBe(false);
      expect(systemIdentifier(join(fresh, 'pgdata'))).toBe(systemIdentifier(template));
      const printed = /Operator key \(shown once[^)]*\): (\S+)/.exec(first.output())?.[1];
      expect(printed).toMatch(/^blxop_/);
      const second = await startServiceProcess({ DATA_DIR: fresh });
      expect(second.output()).not.toContain(printed);
      expect(
        (await new ApiClient(second.baseUrl, printed).post('/accounts', { name: 'Op' })).status,
      ).toBe(201);
      await second.stop();
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 90_000);
});
