import { ApiClient } from '../support/api-client';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { spawnService, startServiceProcess } from '../support/service-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('service process lifecycle', () => {
  let database: TestDatabase;
  let dataDir: string;
  const operatorKey = 'operator-key-for-lifecycle-tests';

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'blocx-life-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: operatorKey,
    ...extra,
  });

  it.each([
    ['PORT', 'eighty'],
    ['WEBHOOK_TIMEOUT_MS', '-5'],
    ['WEBHOOK_RETRY_SCHEDULE', '5s,soon'],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'maybe'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['EVENTSTORE_URL', 'http://localhost:2113'],
    ['CARRIER', 'twilio'],
    ['SECRET_KEY', 'too-short'],
    ['RATE_LIMIT_RPS', '1.5'],
    ['SUBSCRIPTIONS', 'some'],
  ])('stops with one clear line when %s is %s', async (setting, value) => {
    const service = spawnService(env({ [setting]: value }));
    expect(await service.exited).toBe(1);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid setting ${setting}: `));
  });

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const service = await startServiceProcess(env());
    const operator = new ApiClient(service.baseUrl, operatorKey);
    // Settled from the start: a request refused or reset at the socket level is an expected outcome
    // of shutting down, not an unhandled rejection.
    const answers = Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => operator.post('/accounts', { name: `acct ${i}` })),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const code = await service.stop('SIGTERM');
    const settled = await answers;
    expect(code).toBe(0);
    // Every request that reached the server got a real answer; none was cut off with a 5xx.
    for (const answer of settled) {
      if (answer.status === 'fulfilled') expect([201, 503]).toContain(answer.value.status);
    }
    expect(settled.some((a) => a.status === 'fulfilled' && a.value.status === 201)).toBe(true);
  }, 60_000);

  it('rate-limits each account with 429 and Retry-After', async () => {
    const service = await startServiceProcess(env({ RATE_LIMIT_RPS: '5' }));
    try {
      const operator = new ApiClient(service.baseUrl, operatorKey);
      const keyA = (await operator.post('/accounts', { name: 'A' })).body.data.api_key;
      const keyB = (await operator.post('/accounts', { name: 'B' })).body.data.api_key;
      const burst = await Promise.all(
        Array.from({ length: 12 }, () =>
          new ApiClient(service.baseUrl, keyA).post('/accounts', { name: 'x' }),
        ),
      );
      const limited = burst.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(6);
      expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited[0].body.errors[0].code).toBe('rate_limited');
      // Another account has its own budget.
      expect(
        (await new ApiClient(service.baseUrl, keyB).post('/accounts', { name: 'x' })).status,
      ).toBe(403);
    } finally {
      await service.stop();
    }
  }, 60_000);
});
