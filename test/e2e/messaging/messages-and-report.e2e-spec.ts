import { startTestService, TestService } from '../../support/test-service';
import {
  awaitReport,
  awaitStatus,
  Client,
  expectError,
  expectOk,
  inbound,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

describe('message lists and the per-profile report over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;
  let line: Line;
  let other: Line;
  const ids: string[] = [];

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
    [line, other] = [await openLine(alice), await openLine(alice)];
    for (const to of [usNumber(), usNumber(), '+12025550999']) {
      const sent = await expectOk(
        alice.post('/messaging/send', { from: line.number, to, text: 'Hi' }),
        202,
      );
      ids.push(sent.id as string);
    }
    await expectOk(
      alice.post('/messaging/send', { from: other.number, to: usNumber(), text: 'x' }),
      202,
    );
    await expectOk(inbound(service.operator, usNumber(), line.number, 'Thanks!'), 202);
    for (const id of ids) await awaitStatus(alice, id, ['delivered', 'failed']);
    await awaitReport(alice, line.profileId, (r) => r.outbound.delivered + r.outbound.failed === 3);
  });
  afterAll(() => service.close());

  it('lists newest first with filters and pages', async () => {
    const all = await alice.get(`/messages?messaging_profile_id=${line.profileId}`);
    expect(all.body.meta).toEqual({ total: 4, page_number: 1, page_size: 20 });
    const times = all.body.data.map((m: { created_at: string }) => m.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    const inboundOnly = await alice.get(`/messages?direction=inbound`);
    expect(inboundOnly.body.data.map((m: { text: string }) => m.text)).toEqual(['Thanks!']);
    const failed = await alice.get(
      `/messages?status=failed&messaging_profile_id=${line.profileId}`,
    );
    expect(failed.body.data.map((m: { id: string }) => m.id)).toEqual([ids[2]]);
    const second = await alice.get('/messages?page[number]=2&page[size]=2');
    expect(second.body.meta).toEqual({ total: 5, page_number: 2, page_size: 2 });
    expect(second.body.data).toHaveLength(2);
    expectError(await alice.get('/messages?status=lost'), 400, 'invalid_parameter');
    expectError(await alice.get('/messages?messaging_profile_id=nope'), 400, 'invalid_parameter');
  });

  it('reports the profile’s counts over the last 24 hours by default', async () => {
    const report = await alice.get(`/messaging-profiles/${line.profileId}/report`);
    expect(report.status).toBe(200);
    expect(report.body.data).toEqual({
      messaging_profile_id: line.profileId,
      from: expect.any(String),
      to: expect.any(String),
      outbound: { queued: 3, sent: 3, delivered: 2, failed: 1, blocked: 0 },
      inbound: { received: 1 },
      opt_outs: 0,
      opt_ins: 0,
    });
    const { from, to } = report.body.data;
    expect(Date.parse(to) - Date.parse(from)).toBe(24 * 60 * 60 * 1000);
  });

  it('counts only the window asked for', async () => {
    const path = `/messaging-profiles/${line.profileId}/report`;
    const past = await alice.get(`${path}?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`);
    expect(past.body.data).toMatchObject({
      from: '2020-01-01T00:00:00.000Z',
      to: '2020-01-02T00:00:00.000Z',
      outbound: { queued: 0, sent: 0, delivered: 0, failed: 0, blocked: 0 },
      inbound: { received: 0 },
    });
    const soon = new Date(Date.now() + 60_000).toISOString();
    const recent = await alice.get(
      `${path}?from=${new Date(Date.now() - 600_000).toISOString()}&to=${soon}`,
    );
    expect(recent.body.data.outbound.queued).toBe(3);
    expectError(await alice.get(`${path}?from=yesterday`), 400, 'invalid_parameter');
    expectError(
      await alice.get(`${path}?from=${soon}&to=2020-01-01T00:00:00Z`),
      400,
      'invalid_parameter',
    );
  });

  it('rebuilds the messages, report and opt-outs read models to the same rows', async () => {
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, other.number, 'STOP'), 202);
    const listed = await alice.get('/messages?direction=outbound');
    const reply = listed.body.data.find((m: { to: string }) => m.to === handset);
    await awaitStatus(alice, reply.id, ['delivered']);
    const reads = () =>
      Promise.all([
        alice.get('/messages?page[size]=250'),
        alice.get(`/messaging-profiles/${line.profileId}/report`),
        alice.get(`/messaging-profiles/${other.profileId}/report?to=${soonest}`),
        alice.get('/opt-outs'),
      ]).then((answers) => answers.map((answer) => answer.body));
    const soonest = new Date(Date.now() + 60_000).toISOString();
    const before = await reads();
    for (const name of ['messaging.messages', 'messaging.report', 'consent.opt_outs']) {
      expect((await service.operator.post(`/admin/projections/${name}/rebuild`)).status).toBe(202);
      let status = 'rebuilding';
      for (let i = 0; i < 100 && status !== 'live'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const states = (await service.operator.get('/admin/projections')).body.data;
        status = states.find((state: { name: string }) => state.name === name).status;
      }
      expect(status).toBe('live');
    }
    const after = await reads();
    expect(after[0]).toEqual(before[0]);
    expect(after[2].data).toEqual(before[2].data);
    expect(after[3]).toEqual(before[3]);
    expect(before[3].data).toHaveLength(1);
    expect(after[1].data.outbound).toEqual(before[1].data.outbound);
  });

  it('is a 404 for another account’s profile', async () => {
    const report = await bob.get(`/messaging-profiles/${line.profileId}/report`);
    expectError(report, 404, 'messaging_profile_not_found');
  });
});
