import { randomUUID } from 'node:crypto';
import { ApiClient } from '../support/api-client';
import { startTestService, TestService } from '../support/test-service';

describe('webhook endpoints over HTTP', () => {
  let service: TestService;
  let account: ApiClient;
  let other: ApiClient;
  let profileId: string;

  beforeAll(async () => {
    service = await startTestService();
    account = await service.newAccount('Hooks');
    other = await service.newAccount('Other');
    const created = await account.post('/messaging-profiles', { name: 'Support' });
    expect(created.status).toBe(201);
    profileId = created.body.data.id;
  });
  afterAll(() => service.close());

  it('reveals one whsec_ secret per profile and rotates it', async () => {
    const first = await account.get(`/messaging-profiles/${profileId}/webhook-secret`);
    expect(first.status).toBe(200);
    expect(first.body.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const again = await account.get(`/messaging-profiles/${profileId}/webhook-secret`);
    expect(again.body.data.secret).toBe(first.body.data.secret);
    const rotated = await account.post(`/messaging-profiles/${profileId}/webhook-secret/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).not.toBe(first.body.data.secret);
    const now = await account.get(`/messaging-profiles/${profileId}/webhook-secret`);
    expect(now.body.data.secret).toBe(rotated.body.data.secret);
  });

  it('keeps secrets out of the event log and encrypted at rest', async () => {
    const { secret } = (await account.get(`/messaging-profiles/${profileId}/webhook-secret`)).body
      .data;
    const { Client } = await import('pg');
    const client = new Client({ connectionString: service.database.url });
    await client.connect();
    const events = await client.query('SELECT data::text, metadata::text FROM events');
    const stored = await client.query(
      'SELECT current_secret, previous_secret FROM webhook_secrets',
    );
    await client.end();
    const key = secret.slice('whsec_'.length);
    expect(JSON.stringify(events.rows)).not.toContain(key);
    expect(JSON.stringify(stored.rows)).not.toContain(key);
    expect(stored.rows[0].current_secret).toMatch(/^v1:/);
  });

  it.each([
    ['GET', 'webhook-secret'],
    ['POST', 'webhook-secret/rotate'],
  ])('%s %s is a 404 for another account or an unknown profile', async (method, path) => {
    for (const [client, id] of [
      [other, profileId],
      [account, randomUUID()],
      [account, 'not-a-uuid'],
    ] as const) {
      const response = await client.request(method, `/messaging-profiles/${id}/${path}`);
      expect(response.status).toBe(404);
      expect(response.body.errors[0].code).toBe('messaging_profile_not_found');
    }
  });

  it('lists deliveries with pagination meta and checks its filters', async () => {
    const list = await account.get(
      `/webhook-deliveries?messaging_profile_id=${profileId}&status=failed`,
    );
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [], meta: { total: 0, page_number: 1, page_size: 20 } });
    const badStatus = await account.get('/webhook-deliveries?status=lost');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].source).toEqual({ parameter: 'status' });
    expect((await account.get('/webhook-deliveries?messaging_profile_id=nope')).status).toBe(400);
  });

  it('answers a retry of an unknown delivery with 404', async () => {
    for (const id of [randomUUID(), 'nope']) {
      const response = await account.post(`/webhook-deliveries/${id}/retry`);
      expect(response.status).toBe(404);
      expect(response.body.errors[0].code).toBe('webhook_delivery_not_found');
    }
  });
});

describe('webhook URLs where private networks are not allowed', () => {
  let service: TestService;
  let account: ApiClient;

  beforeAll(async () => {
    service = await startTestService({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    account = await service.newAccount('Guarded');
  });
  afterAll(() => service.close());

  it.each([
    ['webhook_url', 'http://127.0.0.1:8080/hooks'],
    ['webhook_url', 'http://169.254.169.254/latest/meta-data'],
    ['webhook_failover_url', 'https://[::1]/hooks'],
    ['webhook_failover_url', 'http://10.0.0.7/hooks'],
    ['webhook_url', 'http://[::ffff:192.168.1.1]/hooks'],
  ])('refuses %s %s when saved, and creates nothing', async (field, url) => {
    const before = (await account.get('/messaging-profiles')).body.meta.total;
    const response = await account.post('/messaging-profiles', { name: 'Guarded', [field]: url });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        code: 'webhook_url_not_allowed',
        source: { pointer: `/${field}` },
      }),
    ]);
    expect((await account.get('/messaging-profiles')).body.meta.total).toBe(before);
  });

  it('refuses a private literal address in a PATCH, and accepts public ones and names', async () => {
    const created = await account.post('/messaging-profiles', {
      name: 'Public',
      webhook_url: 'https://93.184.216.34/hooks',
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const refused = await account.patch(`/messaging-profiles/${id}`, {
      webhook_url: 'http://192.168.0.10/x',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('webhook_url_not_allowed');
    const named = await account.patch(`/messaging-profiles/${id}`, {
      webhook_url: 'https://hooks.example.com/x',
    });
    expect(named.status).toBe(200);
    expect(named.body.data.webhook_url).toBe('https://hooks.example.com/x');
  });
});
