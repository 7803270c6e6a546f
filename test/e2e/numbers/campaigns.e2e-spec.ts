import { startTestService, TestService } from '../../support/test-service';
import { Client, expectError, ISO, UNKNOWN_ID } from './numbers-fixture';

const valid = { brand_name: 'Acme', use_case: '2FA', description: 'One-time login codes' };

describe('10DLC campaigns over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
  });
  afterAll(() => service.close());

  describe('POST /campaigns', () => {
    it('registers an active campaign and shows it at once', async () => {
      const created = await alice.post('/campaigns', valid);
      expect(created.status).toBe(201);
      expect(created.body.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        brand_name: 'Acme',
        use_case: '2FA',
        description: 'One-time login codes',
        status: 'active',
        created_at: expect.stringMatching(ISO),
        updated_at: created.body.data.created_at,
      });
      const read = await alice.get(`/campaigns/${created.body.data.id}`);
      expect(read.body.data).toEqual(created.body.data);
    });

    it('takes the longest brand name and description', async () => {
      const longest = { ...valid, brand_name: 'B'.repeat(100), description: 'd'.repeat(1000) };
      expect((await alice.post('/campaigns', longest)).status).toBe(201);
    });

    it.each([
      ['an empty brand_name', { brand_name: '' }, '/brand_name'],
      ['a brand_name of 101 characters', { brand_name: 'B'.repeat(101) }, '/brand_name'],
      ['a brand_name that is not a string', { brand_name: 5 }, '/brand_name'],
      ['an unknown use_case', { use_case: 'SPAM' }, '/use_case'],
      ['a lower-case use_case', { use_case: '2fa' }, '/use_case'],
      ['an empty description', { description: '' }, '/description'],
      ['a description of 1,001 characters', { description: 'd'.repeat(1001) }, '/description'],
    ])('refuses %s with 422 invalid_field', async (_, change, pointer) => {
      const refused = await alice.post('/campaigns', { ...valid, ...change });
      expectError(refused, 422, 'invalid_field', pointer);
    });

    it.each(['brand_name', 'use_case', 'description'])('requires %s', async (field) => {
      const body: Record<string, string> = { ...valid };
      delete body[field];
      expectError(await alice.post('/campaigns', body), 422, 'invalid_field', `/${field}`);
    });

    it('refuses an unknown field, a status among them', async () => {
      const refused = await alice.post('/campaigns', { ...valid, status: 'active' });
      expectError(refused, 422, 'unknown_field', '/status');
    });
  });

  describe('GET /campaigns and /campaigns/{id}', () => {
    it("lists the account's campaigns newest first, paginated, no one else's", async () => {
      const carol = await service.newAccount('Carol');
      const ids: string[] = [];
      for (const brand of ['One', 'Two', 'Three']) {
        ids.push((await carol.post('/campaigns', { ...valid, brand_name: brand })).body.data.id);
      }
      await bob.post('/campaigns', valid);
      const first = await carol.get('/campaigns?page[size]=2');
      expect(first.status).toBe(200);
      expect(first.body.meta).toEqual({ total: 3, page_number: 1, page_size: 2 });
      expect(first.body.data.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
      const second = await carol.get('/campaigns?page[number]=2&page[size]=2');
      expect(second.body.data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
      expect((await carol.get('/campaigns?page[number]=0')).status).toBe(400);
    });

    it('is a 404 campaign_not_found for another account’s, an unknown and a malformed id', async () => {
      const bobs = await bob.post('/campaigns', valid);
      expectError(await alice.get(`/campaigns/${bobs.body.data.id}`), 404, 'campaign_not_found');
      expectError(await alice.get(`/campaigns/${UNKNOWN_ID}`), 404, 'campaign_not_found');
      expectError(await alice.get('/campaigns/nope'), 404, 'campaign_not_found');
    });

    it('needs an API key', async () => {
      expect((await alice.withKey(undefined).get('/campaigns')).status).toBe(401);
      expect((await alice.withKey('blx_wrong').post('/campaigns', valid)).status).toBe(401);
    });
  });
});
