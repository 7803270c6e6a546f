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
