import { randomUUID } from 'node:crypto';
import { DomainEvent, EventRegistry, EventStore } from '@blocx/event-sourcing';
import {
  HelpRequested,
  KeywordFact,
  OptOutConfirmationQueued,
  RecipientOptedIn,
  RecipientOptedOut,
} from '@blocx/consent';
import { startTestService, TestService } from '../../support/test-service';
import {
  awaitStatus,
  Client,
  expectError,
  expectOk,
  inbound,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

const historyPath = (number: string, recipient: string) =>
  `/consent/history?number=${encodeURIComponent(number)}&recipient=${encodeURIComponent(recipient)}`;

describe('consent belongs to the account whose number was texted', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
  });
  afterAll(() => service.close());

  async function outboundTo(client: Client, handset: string) {
    const listed = await client.get('/messages?direction=outbound&page[size]=250');
    return (listed.body.data as Array<Record<string, string>>).filter((m) => m.to === handset);
  }

  /** Alice releases the line's number and Bob puts it on a profile of his, with a campaign. */
  async function handOver(line: Line): Promise<string> {
    expect((await alice.delete(`/numbers/${encodeURIComponent(line.number)}`)).status).toBe(204);
    const profile = await expectOk(bob.post('/messaging-profiles', { name: 'Bob' }), 201);
    const campaign = await expectOk(
      bob.post('/campaigns', { brand_name: 'Bob', use_case: 'MIXED', description: 'Tests' }),
      201,
    );
    await expectOk(bob.post('/numbers', { phone_number: line.number }), 201);
    await expectOk(
      bob.patch(`/numbers/${encodeURIComponent(line.number)}`, {
        messaging_profile_id: profile.id,
        campaign_id: campaign.id,
      }),
      200,
    );
    return profile.id as string;
  }

  it("a released number's next owner is neither bound by nor shown the previous owner's opt-out", async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    await handOver(line);

    const sent = await expectOk(
      bob.post('/messaging/send', { from: line.number, to: handset, text: 'Hi from Bob' }),
      202,
    );
    expect((await awaitStatus(bob, sent.id as string, ['delivered', 'failed'])).status).toBe(
      'delivered',
    );
    const history = await expectOk(bob.get(historyPath(line.number, handset)), 200);
    expect(history).toEqual({
      number: line.number,
      recipient: handset,
      status: 'none',
      events: [],
    });
    expect((await bob.get(`/opt-outs?from=${encodeURIComponent(line.number)}`)).body.data).toEqual(
      [],
    );
    // Alice no longer has the number: its history is hers no more to read.
    expectError(await alice.get(historyPath(line.number, handset)), 404, 'number_not_found');
  });

  it("the next owner's STOP is its own: confirmed again, listed for it, history of its own", async () => {
    const line = await openLine(alice);
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    const bobsProfile = await handOver(line);

    await expectOk(inbound(service.operator, handset, line.number, 'stop'), 202);
    const [confirmation] = await outboundTo(bob, handset);
    expect(confirmation).toMatchObject({ from: line.number, messaging_profile_id: bobsProfile });
    const history = await expectOk(bob.get(historyPath(line.number, handset)), 200);
    expect(history).toMatchObject({ status: 'opted_out', events: [{ type: 'opted_out' }] });
    expect((history.events as Array<Record<string, unknown>>)[0].messaging_profile_id).toBe(
      bobsProfile,
    );
    const listed = await bob.get(`/opt-outs?from=${encodeURIComponent(line.number)}`);
    expect(listed.body.data).toEqual([expect.objectContaining({ to: handset, keyword: 'STOP' })]);
    expectError(
      await bob.post('/messaging/send', { from: line.number, to: handset, text: 'Hi' }),
      422,
      'recipient_opted_out',
      '/to',
    );
    // Alice's own opt-out row is hers alone and still there.
    const alices = await alice.get(`/opt-outs?from=${encodeURIComponent(line.number)}`);
    expect(alices.body.data).toEqual([expect.objectContaining({ to: handset })]);
  });

  /**
   * The state a crash leaves between recording a keyword and queuing its reply: the pair's
   * consent stream owes a reply (the events `recorded` makes of the keyword's facts), and no
   * message with the reply's id exists.
   */
  async function keywordRecordedWithoutItsReply(
    keyword: string,
    recorded: (fact: KeywordFact, at: string) => DomainEvent[],
  ) {
    const line = await openLine(alice);
    const handset = usNumber();
    const fact: KeywordFact = {
      number: line.number,
      recipient: handset,
      accountId: alice.accountId,
      profileId: line.profileId,
      keyword,
      text: keyword,
      rule: 'baseline_keyword',
      messageId: randomUUID(),
    };
    const registry = service.app.get(EventRegistry);
    await service.app.get(EventStore).appendToStream(
      `consent-${line.number.slice(1)}_${handset.slice(1)}`,
      recorded(fact, new Date().toISOString()).map((event) =>
        registry.toAppend(event, { account_id: alice.accountId }),
      ),
      { expectedRevision: 'no_stream' },
    );
    return { line, handset };
  }

  it('an opt-out whose confirmation was owed when the service died is confirmed from the log', async () => {
    const replyId = randomUUID();
    const text = 'You are unsubscribed (owed before the crash). Reply START to opt back in.';
    const { line, handset } = await keywordRecordedWithoutItsReply('STOP', (fact, at) => [
      new RecipientOptedOut({ ...fact, optedOutAt: at }),
      new OptOutConfirmationQueued({
        number: fact.number,
        recipient: fact.recipient,
        accountId: fact.accountId,
        profileId: fact.profileId,
        optOutMessageId: fact.messageId,
        replyMessageId: replyId,
        text,
        queuedAt: at,
      }),
    ]);

    const reply = await awaitStatus(alice, replyId, ['delivered', 'failed']);
    expect(reply).toMatchObject({
      status: 'delivered',
      from: line.number,
      to: handset,
      text,
      messaging_profile_id: line.profileId,
    });
    // It is the one message through to the opted-out recipient, and a second STOP adds none.
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    expect((await outboundTo(alice, handset)).map((m) => m.id)).toEqual([replyId]);
  });

  it.each([
    ['opt-in', 'START'],
    ['help', 'HELP'],
  ])('the %s reply owed when the service died is sent from the log', async (kind, keyword) => {
    const replyId = randomUUID();
    const text = `The ${kind} reply owed before the crash.`;
    const reply = { messageId: replyId, text };
    const { line, handset } = await keywordRecordedWithoutItsReply(keyword, (fact, at) => [
      kind === 'help'
        ? new HelpRequested({ ...fact, requestedAt: at, reply })
        : new RecipientOptedIn({ ...fact, optedInAt: at, reply }),
    ]);
    const sent = await awaitStatus(alice, replyId, ['delivered', 'failed']);
    expect(sent).toMatchObject({ status: 'delivered', from: line.number, to: handset, text });
    expect((await outboundTo(alice, handset)).map((m) => m.id)).toEqual([replyId]);
  });
});
