import { randomUUID } from 'node:crypto';
import {
  aggregateRepositoryToken,
  AggregateRepository,
  EventRegistry,
  EventStore,
  envelope,
} from '@blocx/event-sourcing';
import { PhoneNumber } from '../../../libs/numbers/src/domain/phone-number.aggregate';
import { MoveSettlements } from '../../../libs/numbers/src/sagas/move-settlements';
import { NumberMoveSaga } from '../../../libs/numbers/src/sagas/number-move.saga';
import { E164 } from '@blocx/platform';
import { startTestService, TestService } from '../../support/test-service';
import { Client, createProfile, numberCount, numberPath, provision } from './numbers-fixture';

describe('the number-move saga', () => {
  let service: TestService;
  let alice: Client;

  beforeAll(async () => {
    service = await startTestService({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    alice = await service.newAccount('Alice');
  });
  afterAll(() => service.close());

  const repository = () =>
    service.app.get<symbol, AggregateRepository<PhoneNumber>>(
      aggregateRepositoryToken(PhoneNumber),
    );
  const streamOf = (phoneNumber: string) => PhoneNumber.stream(E164.parse(phoneNumber)!);

  /** Asks for a move straight on the number's stream, past the HTTP checks, and waits for the saga. */
  async function requestMove(phoneNumber: string, profileId: string | null) {
    const streamId = streamOf(phoneNumber);
    const moveId = randomUUID();
    const { position } = await repository().execute(
      streamId,
      (n) => n.requestMove(alice.accountId, moveId, profileId, new Date()),
      { account_id: alice.accountId },
    );
    const settled = await service.app.get(MoveSettlements).settle([{ streamId, moveId }], position);
    return settled.get(moveId);
  }

  it('12 concurrent moves among 3 profiles: one profile holds the number, counts agree', async () => {
    const profiles: string[] = [];
    for (const name of ['A', 'B', 'C']) profiles.push(await createProfile(alice, name));
    const { phone_number } = await provision(alice);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        alice.patch(numberPath(phone_number), { messaging_profile_id: profiles[i % 3] }),
      ),
    );
    if (answers.some((a) => a.status !== 200)) console.log(answers.map((a) => a.text));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const holder = (await alice.get(numberPath(phone_number))).body.data.messaging_profile_id;
    expect(profiles).toContain(holder);
    const counts = await Promise.all(profiles.map((p) => numberCount(alice, p)));
    expect(counts).toEqual(profiles.map((p) => (p === holder ? 1 : 0)));
    const listed = await Promise.all(
      profiles.map((p) => alice.get(`/messaging-profiles/${p}/numbers`)),
    );
    expect(listed.map((l) => l.body.meta.total)).toEqual(counts);
  }, 60_000);

  it('deleting a profile while numbers are assigned to it never leaves one pointing at it', async () => {
    for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) {
      const target = await createProfile(alice, `Target ${round}`);
      const numbers: string[] = [];
      for (let i = 0; i < 4; i++) numbers.push((await provision(alice)).phone_number);
      const [deleted, ...moves] = await Promise.all([
        alice.delete(`/messaging-profiles/${target}`),
        ...numbers.map((n) => alice.patch(numberPath(n), { messaging_profile_id: target })),
      ]);
      const states = await Promise.all(numbers.map((n) => alice.get(numberPath(n))));
      const pointing = states.filter((s) => s.body.data.messaging_profile_id === target).length;
      if (deleted.status === 204) {
        expect(pointing).toBe(0);
        expect((await alice.get(`/messaging-profiles/${target}`)).status).toBe(404);
        for (const move of moves) expect([200, 422]).toContain(move.status);
      } else {
        expect(deleted.status).toBe(409);
        expect(await numberCount(alice, target)).toBe(pointing);
        expect(pointing).toBe(moves.filter((m) => m.status === 200).length);
      }
      for (const move of moves.filter((m) => m.status === 422)) {
        expect(move.body.errors[0]).toMatchObject({
          code: 'messaging_profile_not_found',
          source: { pointer: '/messaging_profile_id' },
        });
      }
    }
  }, 60_000);

  it('compensates when the target profile is gone: the move fails, the number stays', async () => {
    const [home, doomed] = [
      await createProfile(alice, 'Home'),
      await createProfile(alice, 'Doomed'),
    ];
    const { phone_number } = await provision(alice);
    await alice.patch(numberPath(phone_number), { messaging_profile_id: home });
    expect((await alice.delete(`/messaging-profiles/${doomed}`)).status).toBe(204);

    const outcome = await requestMove(phone_number, doomed);
    expect(outcome?.constructor.name).toBe('NumberMoveFailed');
    expect(outcome?.data).toMatchObject({ profileId: doomed, keptProfileId: home });
    expect((await alice.get(numberPath(phone_number))).body.data.messaging_profile_id).toBe(home);
    expect(await numberCount(alice, home)).toBe(1);
  });

  it('a failed first move leaves the number unassigned', async () => {
    const doomed = await createProfile(alice, 'Doomed');
    await alice.delete(`/messaging-profiles/${doomed}`);
    const { phone_number } = await provision(alice);
    const outcome = await requestMove(phone_number, doomed);
    expect(outcome?.data).toMatchObject({ keptProfileId: null });
    expect((await alice.get(numberPath(phone_number))).body.data.messaging_profile_id).toBeNull();
  });

  it('handling a move again (a replay after a crash) changes nothing twice', async () => {
    const [a, b] = [await createProfile(alice, 'A'), await createProfile(alice, 'B')];
    const { phone_number } = await provision(alice);
    await alice.patch(numberPath(phone_number), { messaging_profile_id: a });
    await alice.patch(numberPath(phone_number), { messaging_profile_id: b });
    const store = service.app.get(EventStore);
    const registry = service.app.get(EventRegistry);
    const history = await store.readStream(streamOf(phone_number));
    const lengths = async () =>
      Promise.all(
        [streamOf(phone_number), `messagingProfile-${a}`, `messagingProfile-${b}`].map(
          async (s) => (await store.readStream(s)).length,
        ),
      );
    const before = await lengths();
    const saga = service.app.get(NumberMoveSaga);
    for (const recorded of history.filter((e) => e.type === 'NumberMoveRequested')) {
      await saga.handle(envelope(registry, recorded));
    }
    expect(await lengths()).toEqual(before);
    expect([await numberCount(alice, a), await numberCount(alice, b)]).toEqual([0, 1]);
  });
});
