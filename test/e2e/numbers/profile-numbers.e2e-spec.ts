import { startTestService, TestService } from '../../support/test-service';
import {
  Client,
  createProfile,
  expectError,
  freshNumber,
  numberCount,
  numberPath,
  provision,
  UNKNOWN_ID,
} from './numbers-fixture';

describe('a profile’s numbers over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
  });
  afterAll(() => service.close());

  const assign = (client: Client, profileId: string, phoneNumbers: unknown) =>
    client.post(`/messaging-profiles/${profileId}/numbers`, { phone_numbers: phoneNumbers });

  describe('POST /messaging-profiles/{id}/numbers', () => {
    it('moves numbers in, each with the profile it came from; both profiles show it', async () => {
      const [a, b] = [await createProfile(alice, 'A'), await createProfile(alice, 'B')];
      const [n1, n2] = [
        (await provision(alice)).phone_number,
        (await provision(alice)).phone_number,
      ];
      await alice.patch(numberPath(n1), { messaging_profile_id: a });
      const moved = await assign(alice, b, [n1, n2]);
      expect(moved.status).toBe(200);
      expect(moved.body).toEqual({
        data: [
          { phone_number: n1, messaging_profile_id: b, previous_messaging_profile_id: a },
          { phone_number: n2, messaging_profile_id: b, previous_messaging_profile_id: null },
        ],
      });
      expect([await numberCount(alice, a), await numberCount(alice, b)]).toEqual([0, 2]);
      expect((await alice.get(numberPath(n1))).body.data.messaging_profile_id).toBe(b);
    });

    it('accepts a number already in the profile, reporting it came from there', async () => {
      const profileId = await createProfile(alice);
      const { phone_number } = await provision(alice);
      await assign(alice, profileId, [phone_number]);
      const again = await assign(alice, profileId, [phone_number]);
      expect(again.body.data).toEqual([
        { phone_number, messaging_profile_id: profileId, previous_messaging_profile_id: profileId },
      ]);
      expect(await numberCount(alice, profileId)).toBe(1);
    });

    it('checks every number first: one unknown is a 422 number_not_found and nothing moves', async () => {
      const profileId = await createProfile(alice);
      const known = (await provision(alice)).phone_number;
      const bobs = (await provision(bob)).phone_number;
      for (const stranger of [freshNumber(), bobs]) {
        const refused = await assign(alice, profileId, [known, stranger]);
        expectError(refused, 422, 'number_not_found', '/phone_numbers/1');
      }
      expect(await numberCount(alice, profileId)).toBe(0);
      expect((await alice.get(numberPath(known))).body.data.messaging_profile_id).toBeNull();
      expect((await bob.get(numberPath(bobs))).body.data.messaging_profile_id).toBeNull();
    });

    it('refuses invalid and repeated numbers at their index, moving nothing', async () => {
      const profileId = await createProfile(alice);
      const known = (await provision(alice)).phone_number;
      const invalid = await assign(alice, profileId, [known, 'nope']);
      expectError(invalid, 422, 'invalid_phone_number', '/phone_numbers/1');
      const twice = await assign(alice, profileId, [known, known]);
      expectError(twice, 422, 'duplicate_phone_number', '/phone_numbers/1');
      expect(await numberCount(alice, profileId)).toBe(0);
    });

    it.each([
      ['an empty list', []],
      ['a list of 101 numbers', Array.from({ length: 101 }, (_, i) => `+1202555${1000 + i}`)],
      ['a string', '+12025550100'],
    ])('refuses %s at /phone_numbers', async (_, value) => {
      const profileId = await createProfile(alice);
      expectError(await assign(alice, profileId, value), 422, 'invalid_field', '/phone_numbers');
    });

    it('refuses a missing list, non-strings and unknown fields', async () => {
      const profileId = await createProfile(alice);
      const path = `/messaging-profiles/${profileId}/numbers`;
      expectError(await alice.post(path, {}), 422, 'invalid_field', '/phone_numbers');
      expectError(
        await assign(alice, profileId, [5]),
        422,
        'invalid_phone_number',
        '/phone_numbers',
      );
      const extra = await alice.post(path, { phone_numbers: [freshNumber()], force: true });
      expectError(extra, 422, 'unknown_field', '/force');
    });

    it('is a 404 for another account’s, an unknown and a deleted profile', async () => {
      const { phone_number } = await provision(alice);
      const bobsProfile = await createProfile(bob);
      const deleted = await createProfile(alice);
      await alice.delete(`/messaging-profiles/${deleted}`);
      for (const profileId of [bobsProfile, UNKNOWN_ID, deleted, 'nope']) {
        const refused = await assign(alice, profileId, [phone_number]);
        expectError(refused, 404, 'messaging_profile_not_found');
      }
      expect(await numberCount(bob, bobsProfile)).toBe(0);
    });
  });

  describe('GET /messaging-profiles/{id}/numbers', () => {
    it('lists the number objects now in the profile, newest first', async () => {
      const [a, b] = [await createProfile(alice, 'A'), await createProfile(alice, 'B')];
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) numbers.push((await provision(alice)).phone_number);
      await assign(alice, a, numbers);
      await alice.patch(numberPath(numbers[1]), { messaging_profile_id: b });
      const listed = await alice.get(`/messaging-profiles/${a}/numbers`);
      expect(listed.status).toBe(200);
      expect(listed.body.meta).toEqual({ total: 2, page_number: 1, page_size: 20 });
      expect(listed.body.data.map((n: { phone_number: string }) => n.phone_number)).toEqual([
        numbers[2],
        numbers[0],
      ]);
      expect(listed.body.data[0]).toMatchObject({ type: 'long_code', messaging_profile_id: a });
      const paged = await alice.get(`/messaging-profiles/${a}/numbers?page[size]=1&page[number]=2`);
      expect(paged.body.data.map((n: { phone_number: string }) => n.phone_number)).toEqual([
        numbers[0],
      ]);
    });

    it('is a 404 for another account’s and an unknown profile', async () => {
      const bobsProfile = await createProfile(bob);
      const refused = await alice.get(`/messaging-profiles/${bobsProfile}/numbers`);
      expectError(refused, 404, 'messaging_profile_not_found');
      const unknown = await alice.get(`/messaging-profiles/${UNKNOWN_ID}/numbers`);
      expectError(unknown, 404, 'messaging_profile_not_found');
    });
  });
});
