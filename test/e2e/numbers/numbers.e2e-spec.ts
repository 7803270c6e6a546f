import { startTestService, TestService } from '../../support/test-service';
import {
  Client,
  createProfile,
  expectError,
  freshNumber,
  ISO,
  numberCount,
  numberPath,
  provision,
  UNKNOWN_ID,
} from './numbers-fixture';

describe('numbers over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
  });
  afterAll(() => service.close());

  describe('POST /numbers', () => {
    it('provisions a long code with its type and country, and shows it at once', async () => {
      const phoneNumber = freshNumber();
      const created = await alice.post('/numbers', { phone_number: phoneNumber });
      expect(created.status).toBe(201);
      expect(created.body.data).toEqual({
        phone_number: phoneNumber,
        type: 'long_code',
        country: 'US',
        messaging_profile_id: null,
        campaign_id: null,
        created_at: expect.stringMatching(ISO),
        updated_at: created.body.data.created_at,
      });
      expect((await alice.get(numberPath(phoneNumber))).body.data).toEqual(created.body.data);
    });

    it('knows a toll-free number', async () => {
      const created = await alice.post('/numbers', { phone_number: '+18005550199' });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ type: 'toll_free', country: 'US' });
    });

    it.each([
      ['not a number', 'call me'],
      ['too short', '+1202'],
      ['without the plus', '12025550100'],
      ['an impossible number', '+19995550100'],
      ['not a string', 12025550100],
    ])('refuses %s with 422 invalid_phone_number at /phone_number', async (_, value) => {
      const refused = await alice.post('/numbers', { phone_number: value });
      expectError(refused, 422, 'invalid_phone_number', '/phone_number');
    });

    it('refuses a missing number and an unknown field', async () => {
      expectError(await alice.post('/numbers', {}), 422, 'invalid_phone_number', '/phone_number');
      const extra = await alice.post('/numbers', { phone_number: freshNumber(), carrier: 'x' });
      expectError(extra, 422, 'unknown_field', '/carrier');
    });

    it('refuses a number any account has with 409 number_already_exists', async () => {
      const { phone_number } = await provision(alice);
      const again = await alice.post('/numbers', { phone_number });
      expectError(again, 409, 'number_already_exists');
      const elsewhere = await bob.post('/numbers', { phone_number });
      expectError(elsewhere, 409, 'number_already_exists');
      expect((await bob.get(numberPath(phone_number))).status).toBe(404);
    });

    it('gives a number to exactly one of two accounts racing for it', async () => {
      const phoneNumber = freshNumber();
      const answers = await Promise.all(
        [alice, bob, alice, bob].map((c) => c.post('/numbers', { phone_number: phoneNumber })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      const owners = await Promise.all([alice, bob].map((c) => c.get(numberPath(phoneNumber))));
      expect(owners.filter((o) => o.status === 200)).toHaveLength(1);
    });
  });

  describe('GET /numbers', () => {
    it("lists the account's numbers newest first, paginated, and no one else's", async () => {
      const carol = await service.newAccount('Carol');
      const mine: string[] = [];
      for (let i = 0; i < 3; i++) mine.push((await provision(carol)).phone_number);
      await provision(bob);
      const listed = await carol.get('/numbers?page[number]=1&page[size]=2');
      expect(listed.status).toBe(200);
      expect(listed.body.meta).toEqual({ total: 3, page_number: 1, page_size: 2 });
      expect(listed.body.data.map((n: { phone_number: string }) => n.phone_number)).toEqual([
        mine[2],
        mine[1],
      ]);
      const second = await carol.get('/numbers?page[number]=2&page[size]=2');
      expect(second.body.data.map((n: { phone_number: string }) => n.phone_number)).toEqual([
        mine[0],
      ]);
    });

    it('filters by messaging_profile_id; another account’s, an unknown or a deleted profile is a 404', async () => {
      const profileId = await createProfile(alice);
      const inProfile = await provision(alice);
      await provision(alice);
      await alice.patch(numberPath(inProfile.phone_number), { messaging_profile_id: profileId });
      const filtered = await alice.get(`/numbers?messaging_profile_id=${profileId}`);
      expect(filtered.body.data.map((n: { phone_number: string }) => n.phone_number)).toEqual([
        inProfile.phone_number,
      ]);
      expect(filtered.body.meta.total).toBe(1);
      const deleted = await createProfile(alice);
      await alice.delete(`/messaging-profiles/${deleted}`);
      const refused = [
        await bob.get(`/numbers?messaging_profile_id=${profileId}`),
        await alice.get(`/numbers?messaging_profile_id=${UNKNOWN_ID}`),
        await alice.get(`/numbers?messaging_profile_id=${deleted}`),
      ];
      for (const answer of refused) {
        expectError(answer, 404, 'messaging_profile_not_found');
        expect(answer.body.errors[0].source).toEqual({ parameter: 'messaging_profile_id' });
      }
    });

    it('refuses a filter that is not a uuid and bad pages with 400', async () => {
      const bad = await alice.get('/numbers?messaging_profile_id=nope');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({
        code: 'invalid_parameter',
        source: { parameter: 'messaging_profile_id' },
      });
      expect((await alice.get('/numbers?page[size]=251')).status).toBe(400);
    });
  });

  describe('GET /numbers/{phone_number}', () => {
    it('accepts the URL-encoded and the plain + form', async () => {
      const { phone_number } = await provision(alice);
      const encoded = await alice.get(numberPath(phone_number, 'encoded'));
      const plain = await alice.get(numberPath(phone_number, 'plain'));
      expect([encoded.status, plain.status]).toEqual([200, 200]);
      expect(plain.body.data).toEqual(encoded.body.data);
    });

    it('is a 404 number_not_found for another account, an unknown number or garbage', async () => {
      const { phone_number } = await provision(alice);
      expectError(await bob.get(numberPath(phone_number)), 404, 'number_not_found');
      expectError(await alice.get(numberPath(freshNumber())), 404, 'number_not_found');
      expectError(await alice.get('/numbers/garbage'), 404, 'number_not_found');
    });

    it('needs an API key', async () => {
      const { phone_number } = await provision(alice);
      expect((await alice.withKey(undefined).get(numberPath(phone_number))).status).toBe(401);
    });
  });

  describe('PATCH /numbers/{phone_number}', () => {
    it('assigns, moves and unassigns; both profiles show it when the answer comes', async () => {
      const [a, b] = [await createProfile(alice, 'A'), await createProfile(alice, 'B')];
      const { phone_number } = await provision(alice);
      const path = numberPath(phone_number);
      const assigned = await alice.patch(path, { messaging_profile_id: a });
      expect(assigned.status).toBe(200);
      expect(assigned.body.data).toMatchObject({ phone_number, messaging_profile_id: a });
      expect(await numberCount(alice, a)).toBe(1);

      const moved = await alice.patch(numberPath(phone_number, 'plain'), {
        messaging_profile_id: b,
      });
      expect(moved.body.data.messaging_profile_id).toBe(b);
      expect([await numberCount(alice, a), await numberCount(alice, b)]).toEqual([0, 1]);
      expect(moved.body.data.updated_at >= assigned.body.data.updated_at).toBe(true);

      const unassigned = await alice.patch(path, { messaging_profile_id: null });
      expect(unassigned.body.data.messaging_profile_id).toBeNull();
      expect(await numberCount(alice, b)).toBe(0);
    });

    it('leaves out what is left out: {} changes nothing, a campaign change keeps the profile', async () => {
      const profileId = await createProfile(alice);
      const { phone_number } = await provision(alice);
      const path = numberPath(phone_number);
      const assigned = await alice.patch(path, { messaging_profile_id: profileId });
      const untouched = await alice.patch(path, {});
      expect(untouched.status).toBe(200);
      expect(untouched.body.data).toEqual(assigned.body.data);
      const campaign = await alice.post('/campaigns', {
        brand_name: 'Acme',
        use_case: 'MIXED',
        description: 'Everything',
      });
      const withCampaign = await alice.patch(path, { campaign_id: campaign.body.data.id });
      expect(withCampaign.body.data).toMatchObject({
        messaging_profile_id: profileId,
        campaign_id: campaign.body.data.id,
      });
      const again = await alice.patch(path, { messaging_profile_id: profileId });
      expect(again.body.data.campaign_id).toBe(campaign.body.data.id);
      expect(await numberCount(alice, profileId)).toBe(1);
    });

    it('attaches and detaches an active campaign of the account', async () => {
      const { phone_number } = await provision(alice);
      const campaign = await alice.post('/campaigns', {
        brand_name: 'Acme',
        use_case: '2FA',
        description: 'Codes',
      });
      const attached = await alice.patch(numberPath(phone_number), {
        campaign_id: campaign.body.data.id,
      });
      expect(attached.body.data.campaign_id).toBe(campaign.body.data.id);
      const detached = await alice.patch(numberPath(phone_number), { campaign_id: null });
      expect(detached.body.data.campaign_id).toBeNull();
    });

    it('refuses a campaign that is unknown or another account’s: 422 campaign_not_found', async () => {
      const { phone_number } = await provision(alice);
      const bobs = await bob.post('/campaigns', {
        brand_name: 'Bob Co',
        use_case: 'MARKETING',
        description: 'Deals',
      });
      const path = numberPath(phone_number);
      for (const campaignId of [UNKNOWN_ID, bobs.body.data.id]) {
        const refused = await alice.patch(path, { campaign_id: campaignId });
        expectError(refused, 422, 'campaign_not_found', '/campaign_id');
      }
      expectError(
        await alice.patch(path, { campaign_id: 'x' }),
        422,
        'invalid_field',
        '/campaign_id',
      );
      expect((await alice.get(path)).body.data.campaign_id).toBeNull();
    });

    it('refuses a profile that is unknown, another account’s or deleted: 422 at /messaging_profile_id', async () => {
      const { phone_number } = await provision(alice);
      const path = numberPath(phone_number);
      const bobsProfile = await createProfile(bob);
      const deleted = await createProfile(alice);
      expect((await alice.delete(`/messaging-profiles/${deleted}`)).status).toBe(204);
      for (const profileId of [UNKNOWN_ID, bobsProfile, deleted]) {
        const refused = await alice.patch(path, { messaging_profile_id: profileId });
        expectError(refused, 422, 'messaging_profile_not_found', '/messaging_profile_id');
      }
      const bad = await alice.patch(path, { messaging_profile_id: 'not-a-uuid' });
      expectError(bad, 422, 'invalid_field', '/messaging_profile_id');
      const notString = await alice.patch(path, { messaging_profile_id: 7 });
      expectError(notString, 422, 'invalid_field', '/messaging_profile_id');
      expect((await alice.get(path)).body.data.messaging_profile_id).toBeNull();
    });

    it('refuses unknown fields and a body that is not an object', async () => {
      const { phone_number } = await provision(alice);
      const path = numberPath(phone_number);
      expectError(await alice.patch(path, { type: 'toll_free' }), 422, 'unknown_field', '/type');
      expect((await alice.patch(path, '[1]')).status).toBe(400);
    });

    it('is a 404 for another account’s, an unknown and a released number', async () => {
      const { phone_number } = await provision(alice);
      const profileId = await createProfile(bob);
      const bobTries = await bob.patch(numberPath(phone_number), {
        messaging_profile_id: profileId,
      });
      expectError(bobTries, 404, 'number_not_found');
      expectError(await bob.patch(numberPath(phone_number), {}), 404, 'number_not_found');
      expectError(await alice.patch(numberPath(freshNumber()), {}), 404, 'number_not_found');
      await alice.delete(numberPath(phone_number));
      expectError(await alice.patch(numberPath(phone_number), {}), 404, 'number_not_found');
    });
  });

  describe('DELETE /numbers/{phone_number}', () => {
    it('releases the number; its profile lets it go at once and can be deleted right after', async () => {
      const profileId = await createProfile(alice);
      const { phone_number } = await provision(alice);
      await alice.patch(numberPath(phone_number), { messaging_profile_id: profileId });
      const released = await alice.delete(numberPath(phone_number, 'plain'));
      expect(released.status).toBe(204);
      expect(released.text).toBe('');
      expectError(await alice.get(numberPath(phone_number)), 404, 'number_not_found');
      expect(await numberCount(alice, profileId)).toBe(0);
      expect((await alice.delete(`/messaging-profiles/${profileId}`)).status).toBe(204);
    });

    it('lets a released number be provisioned again, into any account, fresh', async () => {
      const { phone_number } = await provision(alice);
      await alice.delete(numberPath(phone_number));
      const again = await bob.post('/numbers', { phone_number });
      expect(again.status).toBe(201);
      expect(again.body.data).toMatchObject({ messaging_profile_id: null, campaign_id: null });
      expectError(await alice.get(numberPath(phone_number)), 404, 'number_not_found');
    });

    it('is a 404 twice, for another account and for an unknown number', async () => {
      const { phone_number } = await provision(alice);
      expectError(await bob.delete(numberPath(phone_number)), 404, 'number_not_found');
      expect((await alice.get(numberPath(phone_number))).status).toBe(200);
      expect((await alice.delete(numberPath(phone_number))).status).toBe(204);
      expectError(await alice.delete(numberPath(phone_number)), 404, 'number_not_found');
      expectError(await alice.delete('/numbers/%2B1'), 404, 'number_not_found');
    });
  });
});
