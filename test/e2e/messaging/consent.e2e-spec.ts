import { startTestService, TestService } from '../../support/test-service';
import {
  awaitStatus,
  Client,
  expectError,
  expectOk,
  inbound,
  ISO,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

describe('opt-out, opt-in and help over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
  });
  afterAll(() => service.close());

  const send = (line: Line, to: string, text = 'Hello') =>
    alice.post('/messaging/send', { from: line.number, to, text });

  async function outboundTo(handset: string) {
    const listed = await alice.get('/messages?direction=outbound&page[size]=250');
    return (listed.body.data as Array<Record<string, string>>).filter((m) => m.to === handset);
  }

  it('STOP records the opt-out and queues the confirmation before it answers; sends are refused', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    const received = await inbound(service.operator, handset, line.number, 'Stop please');
    expect(received.status).toBe(202);
    expect(received.body.data).toMatchObject({
      direction: 'inbound',
      from: handset,
      to: line.number,
      text: 'Stop please',
      status: 'received',
      messaging_profile_id: line.profileId,
    });

    const optOuts = await alice.get(`/opt-outs?from=${encodeURIComponent(line.number)}`);
    expect(optOuts.body.data).toEqual([
      {
        from: line.number,
        to: handset,
        messaging_profile_id: line.profileId,
        keyword: 'STOP',
        opted_out_at: expect.stringMatching(ISO),
      },
    ]);
    const [reply] = await outboundTo(handset);
    expect(reply).toMatchObject({ from: line.number, text: expect.stringMatching(/unsubscribed/) });
    // The confirmation is the one message allowed through to an opted-out recipient.
    expect((await awaitStatus(alice, reply.id, ['delivered', 'failed'])).status).toBe('delivered');

    expectError(await send(line, handset), 422, 'recipient_opted_out', '/to');
    const report = await alice.get(`/messaging-profiles/${line.profileId}/report`);
    expect(report.body.data).toMatchObject({ outbound: { blocked: 1 }, opt_outs: 1 });
  });

  it('a second STOP while opted out gets no second confirmation', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    await expectOk(inbound(service.operator, handset, line.number, 'unsubscribe'), 202);
    expect(await outboundTo(handset)).toHaveLength(1);
    const history = await alice.get(
      `/consent/history?number=${encodeURIComponent(line.number)}&recipient=${encodeURIComponent(handset)}`,
    );
    expect(history.body.data.events.map((e: { type: string }) => e.type)).toEqual(['opted_out']);
  });

  it('START opts back in with its reply; sends go through again', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    await expectOk(inbound(service.operator, handset, line.number, 'start'), 202);
    const replies = await outboundTo(handset);
    expect(replies.map((m) => m.text)).toEqual([
      expect.stringMatching(/resubscribed/),
      expect.stringMatching(/unsubscribed/),
    ]);
    expect(
      (await alice.get(`/opt-outs?from=${encodeURIComponent(line.number)}`)).body.data,
    ).toEqual([]);
    expect((await send(line, handset)).status).toBe(202);
    const report = await alice.get(`/messaging-profiles/${line.profileId}/report`);
    expect(report.body.data).toMatchObject({ opt_outs: 1, opt_ins: 1, inbound: { received: 2 } });
  });

  it('HELP sends the help message and changes nothing; not to an opted-out recipient', async () => {
    const line = await openLine(alice, {
      profile: { help: { keywords: ['SUPPORT'], message: 'Call 555-0100 for help.' } },
    });
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'support'), 202);
    expect((await outboundTo(handset)).map((m) => m.text)).toEqual(['Call 555-0100 for help.']);
    // The baseline HELP is honoured too, and STOP still works though not listed.
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    await expectOk(inbound(service.operator, handset, line.number, 'HELP'), 202);
    expect(await outboundTo(handset)).toHaveLength(2);
    const history = await alice.get(
      `/consent/history?number=${encodeURIComponent(line.number)}&recipient=${encodeURIComponent(handset)}`,
    );
    expect(history.body.data).toMatchObject({
      status: 'opted_out',
      events: [
        { type: 'help_requested', keyword: 'SUPPORT', text: 'support' },
        { type: 'opted_out', keyword: 'STOP' },
        { type: 'help_requested', keyword: 'HELP' },
      ],
    });
  });

  it('an ordinary text changes nothing and gets no reply', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    await expectOk(
      inbound(service.operator, handset, line.number, "don't stop the deliveries"),
      202,
    );
    expect(await outboundTo(handset)).toEqual([]);
    expect((await send(line, handset)).status).toBe(202);
  });

  it('the opt-out stays with the pair when the number moves to another profile', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    const other = await expectOk(alice.post('/messaging-profiles', { name: 'Other' }), 201);
    await expectOk(
      alice.patch(`/numbers/${encodeURIComponent(line.number)}`, {
        messaging_profile_id: other.id,
      }),
      200,
    );
    expectError(await send(line, handset), 422, 'recipient_opted_out');
  });

  it('consent history replays the log, with as_of', async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    const path = `/consent/history?number=${encodeURIComponent(line.number)}&recipient=${encodeURIComponent(handset)}`;
    expect((await alice.get(path)).body.data).toEqual({
      number: line.number,
      recipient: handset,
      status: 'none',
      events: [],
    });
    const stop = await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    const afterStop = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expectOk(inbound(service.operator, handset, line.number, 'UNSTOP'), 202);
    const full = (await alice.get(path)).body.data;
    expect(full.status).toBe('opted_in');
    expect(full.events[0]).toEqual({
      type: 'opted_out',
      keyword: 'STOP',
      text: 'STOP',
      messaging_profile_id: line.profileId,
      message_id: stop.id,
      occurred_at: expect.stringMatching(ISO),
    });
    expect(full.events[1]).toMatchObject({ type: 'opted_in', keyword: 'UNSTOP' });
    const then = (await alice.get(`${path}&as_of=${encodeURIComponent(afterStop)}`)).body.data;
    expect(then).toMatchObject({ status: 'opted_out', events: [{ type: 'opted_out' }] });
    expectError(await bob.get(path), 404, 'number_not_found');
    expectError(await alice.get(`${path}&as_of=yesterday`), 400, 'invalid_parameter');
    const bad = await alice.get(
      `/consent/history?number=123&recipient=${encodeURIComponent(handset)}`,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({
      code: 'invalid_phone_number',
      source: { parameter: 'number' },
    });
  });

  it('inbound needs the operator key and a platform number', async () => {
    const line = await openLine(alice);
    expect(
      (await alice.post('/carrier/inbound', { from: usNumber(), to: line.number, text: 'x' }))
        .status,
    ).toBe(403);
    expectError(
      await inbound(service.operator, usNumber(), usNumber(), 'STOP'),
      404,
      'number_not_found',
    );
    expectError(
      await inbound(service.operator, 'nope', line.number, 'STOP'),
      422,
      'invalid_phone_number',
      '/from',
    );
  });
});
