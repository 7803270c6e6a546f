import { ApiClient } from '../../support/api-client';
import { restartableService } from '../../support/restartable-service';
import { ServiceProcess } from '../../support/service-process';
import { usNumber } from './messaging-fixture';

const OUTCOMES = `
  SELECT q.stream_id,
         count(*) FILTER (WHERE e.event_type = 'MessageSent')::int AS sent,
         count(*) FILTER (WHERE e.event_type IN ('MessageDelivered', 'MessageFailed'))::int AS final
  FROM events q JOIN events e ON e.stream_id = q.stream_id
  WHERE q.event_type = 'MessageQueued'
  GROUP BY q.stream_id`;

interface Outcome {
  stream_id: string;
  sent: number;
  final: number;
}

/** The service as its own process, killed with SIGKILL while the dispatcher has messages in hand. */
describe('dispatch and delivery reports across kill -9', () => {
  const restartable = restartableService();
  let service: ServiceProcess | undefined;
  const operatorKey = restartable.operatorKey;
  const start = () => restartable.start();

  async function outcomes(): Promise<Outcome[]> {
    return (await restartable.db.query<Outcome>(OUTCOMES)).rows;
  }

  async function openLine(client: ApiClient): Promise<string> {
    const profile = await client.post('/messaging-profiles', { name: 'Restart' });
    const campaign = await client.post('/campaigns', {
      brand_name: 'Acme',
      use_case: 'MIXED',
      description: 'Restart test',
    });
    const number = usNumber();
    await client.post('/numbers', { phone_number: number });
    const patched = await client.patch(`/numbers/${encodeURIComponent(number)}`, {
      messaging_profile_id: profile.body.data.id,
      campaign_id: campaign.body.data.id,
    });
    expect(patched.status).toBe(200);
    return number;
  }

  it('every accepted message ends delivered or failed, and none is handed over twice', async () => {
    service = await start();
    const operator = new ApiClient(service.baseUrl, operatorKey);
    const account = await operator.post('/accounts', { name: 'Restart' });
    let client = new ApiClient(service.baseUrl, account.body.data.api_key);
    const from = await openLine(client);

    // A burst of sends; kill the process once some are handed over and others are still queued.
    // Every tenth goes to a destination the simulator rejects.
    const destinations = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 0 ? '+12125550999' : usNumber(),
    );
    const burst = destinations.map((to) =>
      client.post('/messaging/send', { from, to, text: 'Hi' }),
    );
    const answered = Promise.allSettled(burst);
    while (!(await outcomes()).some((o) => o.sent > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await service.stop('SIGKILL');
    const accepted = (await answered).filter(
      (a) => a.status === 'fulfilled' && a.value.status === 202,
    ).length;
    const before = await outcomes();
    expect(before.some((o) => o.final === 0)).toBe(true);
    expect(before.length).toBeGreaterThanOrEqual(accepted);

    service = await start();
    client = new ApiClient(service.baseUrl, account.body.data.api_key);
    const deadline = Date.now() + 30_000;
    let after = await outcomes();
    while (after.some((o) => o.final === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await outcomes();
    }
    expect(after.filter((o) => o.final !== 1)).toEqual([]);
    expect(after.filter((o) => o.sent !== 1)).toEqual([]);
    // The log says every message is final; the messages read model follows it shortly.
    const count = async (status: string) =>
      (await client.get(`/messages?status=${status}&page[size]=250`)).body;
    let [rejected, delivered] = [await count('failed'), await count('delivered')];
    while (rejected.meta.total + delivered.meta.total < after.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [rejected, delivered] = [await count('failed'), await count('delivered')];
    }
    expect(rejected.data.every((m: { to: string }) => m.to.endsWith('0999'))).toBe(true);
    expect(rejected.meta.total + delivered.meta.total).toBe(after.length);
  }, 120_000);
});
