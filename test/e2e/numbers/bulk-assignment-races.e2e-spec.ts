import { ApiResponse } from '../../support/api-client';
import { startTestService, TestService } from '../../support/test-service';
import {
  Client,
  createProfile,
  expectError,
  numberCount,
  numberPath,
  provision,
} from './numbers-fixture';

const ROUNDS = Number(process.env.ROUNDS ?? 32);
const NUMBERS_PER_ROUND = 4;
const STAGGER_TURNS = 16;

/** Where a round's numbers must be once its requests answered. */
interface Expected {
  holder: string;
  numbers: string[];
}

/**
 * `POST /messaging-profiles/{id}/numbers` checks every number first and moves none on an error.
 * Raced by real concurrent requests against the release or the reassignment of one of its
 * numbers, it still moves all of them or none — never some — and never answers a 5xx.
 */
describe('bulk assignment racing a release or a reassignment', () => {
  let service: TestService;
  let alice: Client;

  beforeAll(async () => {
    service = await startTestService();
    alice = await service.newAccount('Alice');
  });
  afterAll(() => service.close());

  const assign = (profileId: string, phoneNumbers: string[]) =>
    alice.post(`/messaging-profiles/${profileId}/numbers`, { phone_numbers: phoneNumbers });

  /** Two fresh profiles and numbers that sit in the first of them. */
  async function newRound(round: number) {
    const home = await createProfile(alice, `Home ${round}`);
    const target = await createProfile(alice, `Target ${round}`);
    const numbers: string[] = [];
    for (let i = 0; i < NUMBERS_PER_ROUND; i++) numbers.push((await provision(alice)).phone_number);
    expect((await assign(home, numbers)).status).toBe(200);
    return { home, target, numbers, raced: numbers[round % NUMBERS_PER_ROUND] };
  }

  /**
   * The bulk request, and the other one while it is in flight: sent after a number of event-loop
   * turns that varies by round (the service runs in this process), so the rounds between them
   * land the other request before, during and after each stage of the bulk one. No clock is read.
   */
  async function race(
    round: number,
    bulk: () => Promise<ApiResponse>,
    other: () => Promise<ApiResponse>,
  ) {
    const bulkAnswer = bulk();
    for (let turn = 0; turn < round % STAGGER_TURNS; turn++) await new Promise(setImmediate);
    return Promise.all([bulkAnswer, other()]);
  }

  async function expectHeldBy({ holder, numbers }: Expected): Promise<void> {
    const states = await Promise.all(numbers.map((n) => alice.get(numberPath(n))));
    expect(states.map((s) => [s.status, s.body.data?.messaging_profile_id])).toEqual(
      numbers.map(() => [200, holder]),
    );
  }

  async function expectCounts(counts: Array<[string, number]>): Promise<void> {
    const listed = await Promise.all(
      counts.map(([profileId]) => alice.get(`/messaging-profiles/${profileId}/numbers`)),
    );
    expect(listed.map((l) => l.body.meta.total)).toEqual(counts.map(([, count]) => count));
    const profiles = await Promise.all(counts.map(([profileId]) => numberCount(alice, profileId)));
    expect(profiles).toEqual(counts.map(([, count]) => count));
  }

  it(`against a release of one of the numbers: all moved or none (${ROUNDS} rounds)`, async () => {
    const rounds: Expected[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { home, target, numbers, raced } = await newRound(round);
      const kept = numbers.filter((n) => n !== raced);
      const [bulk, release] = await race(
        round,
        () => assign(target, numbers),
        () => alice.delete(numberPath(raced)),
      );
      expect(release.status).toBe(204);
      if (bulk.status === 200) {
        expect(bulk.body.data).toEqual(
          numbers.map((phone_number) => ({
            phone_number,
            messaging_profile_id: target,
            previous_messaging_profile_id: home,
          })),
        );
      } else {
        // The release came first: the whole request is refused at the released number.
        expectError(bulk, 422, 'number_not_found', `/phone_numbers/${numbers.indexOf(raced)}`);
      }
      const expected = { holder: bulk.status === 200 ? target : home, numbers: kept };
      await expectHeldBy(expected);
      expect((await alice.get(numberPath(raced))).status).toBe(404);
      const inTarget = bulk.status === 200 ? kept.length : 0;
      await expectCounts([
        [home, kept.length - inTarget],
        [target, inTarget],
      ]);
      rounds.push(expected);
    }
    // A refused request that had moved some numbers anyway could show only once the saga ran.
    for (const expected of rounds) await expectHeldBy(expected);
  }, 180_000);

  it(`against a reassignment of one of the numbers: all moved (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { home, target, numbers, raced } = await newRound(round);
      const elsewhere = await createProfile(alice, `Elsewhere ${round}`);
      const [bulk, moved] = await race(
        round,
        () => assign(target, numbers),
        () => alice.patch(numberPath(raced), { messaging_profile_id: elsewhere }),
      );
      expect([bulk.status, moved.status]).toEqual([200, 200]);
      expect(bulk.body.data.map((a: { phone_number: string }) => a.phone_number)).toEqual(numbers);
      // Whichever of the two moves of the raced number was recorded last decides where it is.
      const racedHolder = (await alice.get(numberPath(raced))).body.data.messaging_profile_id;
      expect([target, elsewhere]).toContain(racedHolder);
      const expected = { holder: target, numbers: numbers.filter((n) => n !== raced) };
      await expectHeldBy(expected);
      await expectCounts([
        [home, 0],
        [target, NUMBERS_PER_ROUND - (racedHolder === elsewhere ? 1 : 0)],
        [elsewhere, racedHolder === elsewhere ? 1 : 0],
      ]);
    }
  }, 180_000);
});
