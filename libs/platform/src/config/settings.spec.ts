import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidSettingError, loadSettings, parseRetrySchedule } from './settings';

describe('settings', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'blocx-settings-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the defaults of api.md', () => {
    const settings = loadSettings({ DATA_DIR: dataDir });
    expect(settings).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      eventStoreUrl: undefined,
      carrier: 'simulator',
      webhookTimeoutMs: 5000,
      webhookRetryScheduleMs: [
        5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
      ],
      webhookAllowPrivateNetworks: true,
      rateLimitRps: 0,
      subscriptions: 'all',
    });
    expect(settings.secretKey).toHaveLength(32);
  });

  it('sizes the database pool from DATABASE_POOL_SIZE, or leaves it to the database kind', () => {
    expect(loadSettings({ DATA_DIR: dataDir }).databasePoolSize).toBeUndefined();
    expect(loadSettings({ DATA_DIR: dataDir, DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    expect(() => loadSettings({ DATA_DIR: dataDir, DATABASE_POOL_SIZE: '0' })).toThrow(
      InvalidSettingError,
    );
  });

  it('takes the instance role from SUBSCRIPTIONS', () => {
    for (const role of ['all', 'api', 'worker', 'none']) {
      expect(loadSettings({ DATA_DIR: dataDir, SUBSCRIPTIONS: role }).subscriptions).toBe(role);
    }
  });

  it('denies private networks by default in production', () => {
    expect(
      loadSettings({ DATA_DIR: dataDir, NODE_ENV: 'production' }).webhookAllowPrivateNetworks,
    ).toBe(false);
  });

  it('generates the operator key and the secret key once, then keeps them', () => {
    const first = loadSettings({ DATA_DIR: dataDir });
    const second = loadSettings({ DATA_DIR: dataDir });
    expect(first.adminApiKeyGenerated).toBe(true);
    expect(second.adminApiKeyGenerated).toBe(false);
    expect(second.adminApiKey).toBe(first.adminApiKey);
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(readFileSync(join(dataDir, 'operator.key'), 'utf8').trim()).toBe(first.adminApiKey);
  });

  it('takes the operator key from ADMIN_API_KEY without writing it anywhere', () => {
    const settings = loadSettings({
      DATA_DIR: dataDir,
      ADMIN_API_KEY: 'a-long-enough-operator-key',
    });
    expect(settings.adminApiKey).toBe('a-long-enough-operator-key');
    expect(settings.adminApiKeyGenerated).toBe(false);
  });

  it('accepts a 32-byte SECRET_KEY as hex or base64', () => {
    const hex = 'ab'.repeat(32);
    expect(loadSettings({ DATA_DIR: dataDir, SECRET_KEY: hex }).secretKey.toString('hex')).toBe(
      hex,
    );
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadSettings({ DATA_DIR: dataDir, SECRET_KEY: base64 }).secretKey[0]).toBe(7);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '3000abc'],
    ['ADMIN_API_KEY', 'short'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['SUBSCRIPTIONS', 'some'],
  ])('names %s when it is %p', (name, value) => {
    expect(() => loadSettings({ DATA_DIR: dataDir, [name]: value })).toThrow(
      expect.objectContaining({ setting: name }) as InvalidSettingError,
    );
  });

  it('parses retry schedules with units', () => {
    expect(parseRetrySchedule('250ms, 1s,2m,1h')).toEqual([250, 1000, 120_000, 3_600_000]);
    expect(() => parseRetrySchedule('5s,,5m')).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });
});
