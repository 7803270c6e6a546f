import {
  EventRegistry,
  EventStore,
  SubscriptionHost,
  SubscriptionRunner,
} from '@blocx/event-sourcing';
import { MESSAGE_DISPATCHER } from '@blocx/messaging';
import { startTestService, TestService } from '../../support/test-service';
import {
  awaitReport,
  awaitStatus,
  CA,
  Client,
  expectOk,
  inbound,
  openLine,
  usNumber,
} from './messaging-fixture';

/**
 * The dispatcher is held (its runner stopped) while messages queue and the rules change, then a
 * new runner resumes from the stored checkpoint, as after a restart: the final gate sees the
 * rules as they are at hand-off.
 */
describe('the final gate before hand-off to the carrier', () => {
  let service: TestService;
  let alice: Client;
  let resumed: SubscriptionRunner | undefined;

  beforeAll(async () => {
    service = await startTestService();
    alice = await service.newAccount('Alice');
  });
  afterEach(async () => {
    await resumed?.stop();
  });
  afterAll(() => service.close());

  async function holdDispatcher(): Promise<() => void> {
    const host = service.app.get(SubscriptionHost);
    const runner = (resumed ?? host.runner(MESSAGE_DISPATCHER)) as SubscriptionRunner;
    await runner.stop();
    return () => {
      resumed = new SubscriptionRunner(runner.handler, {
        store: service.app.get(EventStore),
        registry: service.app.get(EventRegistry),
        checkpoints: host.checkpoints,
        locks: host.locks,
        progress: host.progress,
      });
      resumed.start();
    };
  }

  const send = (from: string, to: string) =>
    expectOk(alice.post('/messaging/send', { from, to, text: 'Your order shipped' }), 202);

  it('queue, then STOP, then dispatch: failed recipient_opted_out; the confirmation still goes', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    const release = await holdDispatcher();
    const queued = await send(line.number, handset);
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    release();
    const done = await awaitStatus(alice, queued.id as string, ['sent', 'delivered', 'failed']);
    expect(done).toMatchObject({ status: 'failed', errors: [{ code: 'recipient_opted_out' }] });
    const listed = await alice.get('/messages?direction=outbound&page[size]=250');
    const reply = listed.body.data.find(
      (m: Record<string, string>) => m.to === handset && m.id !== queued.id,
    );
    expect((await awaitStatus(alice, reply.id, ['delivered', 'failed'])).status).toBe('delivered');
    const report = await awaitReport(alice, line.profileId, (r) => r.outbound.delivered === 1);
    expect(report.outbound).toMatchObject({ queued: 2, failed: 1, delivered: 1 });
  });

  it('a country removed from the profile after queuing: failed destination_not_allowed', async () => {
    const line = await openLine(alice, { profile: { allowed_countries: ['US', 'CA'] } });
    const release = await holdDispatcher();
    const queued = await send(line.number, CA);
    await expectOk(
      alice.patch(`/messaging-profiles/${line.profileId}`, { allowed_countries: ['US'] }),
      200,
    );
    release();
    const done = await awaitStatus(alice, queued.id as string, ['sent', 'delivered', 'failed']);
    expect(done).toMatchObject({ status: 'failed', errors: [{ code: 'destination_not_allowed' }] });
  });

  it('a campaign detached after queuing: failed campaign_required', async () => {
    const line = await openLine(alice);
    const release = await holdDispatcher();
    const queued = await send(line.number, usNumber());
    const untouched = await send(line.number, usNumber());
    await expectOk(
      alice.patch(`/numbers/${encodeURIComponent(line.number)}`, { campaign_id: null }),
      200,
    );
    release();
    for (const id of [queued.id, untouched.id]) {
      const done = await awaitStatus(alice, id as string, ['sent', 'delivered', 'failed']);
      expect(done).toMatchObject({ status: 'failed', errors: [{ code: 'campaign_required' }] });
    }
  });

  it('a message whose rules still hold is delivered after the hold', async () => {
    const line = await openLine(alice);
    const release = await holdDispatcher();
    const queued = await send(line.number, usNumber());
    expect((await alice.get(`/messages/${queued.id}`)).body.data.status).toBe('queued');
    release();
    const done = await awaitStatus(alice, queued.id as string, ['delivered', 'failed']);
    expect(done.status).toBe('delivered');
  });
});
