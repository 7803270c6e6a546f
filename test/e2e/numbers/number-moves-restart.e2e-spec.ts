import { ApiClient } from '../../support/api-client';
import { restartableService } from '../../support/restartable-service';
import { ServiceProcess } from '../../support/service-process';
import { freshNumber, numberPath } from './numbers-fixture';

const UNSETTLED_MOVES = `
  SELECT count(*)::int AS unsettled FROM events r
  WHERE r.event_type = 'NumberMoveRequested' AND NOT EXISTS (
    SELECT 1 FROM events s
    WHERE s.stream_id = r.stream_id AND s.data->>'moveId' = r.data->>'moveId'
      AND s.event_type IN ('NumberAssignedToProfile', 'NumberUnassignedFromProfile', 'NumberMoveFailed'))`;

/** The service as its own process, killed with SIGKILL while the saga has moves in hand. */
describe('the number-move saga across kill -9', () => {
  const restartable = restartableService();
  let service: ServiceProcess | undefined;
  const operatorKey = restartable.operatorKey;
  const start = () => restartable.start();

  async function unsettled(): Promise<number> {
    return (await restartable.db.query<{ unsettled: number }>(UNSETTLED_MOVES)).rows[0].unsettled;
  }

  /** Every profile counts exactly the numbers that point at it (bounded wait for the saga). */
  async function expectAgreement(client: ApiClient, profiles: string[], numbers: string[]) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const holders = await Promise.all(
        numbers.map(async (n) => (await client.get(numberPath(n))).body.data.messaging_profile_id),
      );
      const counts = await Promise.all(
        profiles.map(
          async (p) => (await client.get(`/messaging-profiles/${p}`)).body.data.number_count,
        ),
      );
      const pointing = profiles.map((p) => holders.filter((h) => h === p).length);
      const agree = JSON.stringify(counts) === JSON.stringify(pointing);
      if ((agree && (await unsettled()) === 0) || Date.now() > deadline) {
        expect(counts).toEqual(pointing);
        expect(holders.every((h) => profiles.includes(h))).toBe(true);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('resumes the moves it had in hand; every profile counts what points at it', async () => {
    service = await start();
    const operator = new ApiClient(service.baseUrl, operatorKey);
    const account = await operator.post('/accounts', { name: 'Restart' });
    let client = new ApiClient(service.baseUrl, account.body.data.api_key);
    const profiles: string[] = [];
    for (const name of ['A', 'B', 'C']) {
      profiles.push((await client.post('/messaging-profiles', { name })).body.data.id);
    }
    const numbers = Array.from({ length: 6 }, () => freshNumber());
    for (const n of numbers) {
      await client.post('/numbers', { phone_number: n });
      await client.patch(numberPath(n), { messaging_profile_id: profiles[0] });
    }

    // A burst of moves; the saga works through them one by one, so some are still in hand.
    const burst = numbers.flatMap((n, i) =>
      [1, 2, 0, 1].map((k) =>
        client.patch(numberPath(n), { messaging_profile_id: profiles[(i + k) % 3] }),
      ),
    );
    const settledBurst = Promise.allSettled(burst);
    while ((await unsettled()) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    await service.stop('SIGKILL');
    await settledBurst;
    expect(await unsettled()).toBeGreaterThan(0);

    service = await start();
    client = new ApiClient(service.baseUrl, account.body.data.api_key);
    await expectAgreement(client, profiles, numbers);

    // And the service goes on: one more move of every number, answered once visible.
    for (const n of numbers) {
      const moved = await client.patch(numberPath(n), { messaging_profile_id: profiles[2] });
      expect(moved.body.data.messaging_profile_id).toBe(profiles[2]);
    }
    const counts = await Promise.all(
      profiles.map(
        async (p) => (await client.get(`/messaging-profiles/${p}`)).body.data.number_count,
      ),
    );
    expect(counts).toEqual([0, 0, numbers.length]);
  }, 120_000);
});
