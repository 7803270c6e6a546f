import { startTestService, TestService } from '../../support/test-service';
import {
  awaitStatus,
  Client,
  expectError,
  expectOk,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

describe('Idempotency-Key on POST /messaging/send', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;
  let line: Line;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
    line = await openLine(alice);
  });
  afterAll(() => service.close());

  async function messagesTo(client: Client, to: string) {
    const listed = await client.get('/messages?page[size]=250');
    return (listed.body.data as Array<{ id: string; to: string }>).filter((m) => m.to === to);
  }

  it('the same key and body return the first response, even after the status moved on', async () => {
    const body = { from: line.number, to: usNumber(), text: 'Once' };
    const first = await alice.post('/messaging/send', body, { 'idempotency-key': 'order-1' });
    expect(first.status).toBe(202);
    await awaitStatus(alice, first.body.data.id, ['delivered']);
    const again = await alice.post('/messaging/send', body, { 'idempotency-key': 'order-1' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await messagesTo(alice, body.to)).toHaveLength(1);
  });

  it('concurrent duplicates: all 202 with one id, one message', async () => {
    const body = { from: line.number, to: usNumber(), text: 'Together' };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        alice.post('/messaging/send', body, { 'idempotency-key': 'burst-1' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(202));
    expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
    expect(await messagesTo(alice, body.to)).toHaveLength(1);
  });

  it('concurrent requests with one key and two bodies: one message, the other body refused', async () => {
    const to = usNumber();
    const bodies = [
      { from: line.number, to, text: 'A' },
      { from: line.number, to, text: 'B' },
    ];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        alice.post('/messaging/send', bodies[i % 2], { 'idempotency-key': 'burst-2' }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 422);
    expect(accepted.length + refused.length).toBe(8);
    expect(new Set(accepted.map((a) => a.body.data.text)).size).toBe(1);
    expect(refused.every((a) => a.body.errors[0].code === 'idempotency_key_reused')).toBe(true);
    expect(await messagesTo(alice, to)).toHaveLength(1);
  });

  it('keys are per account, and a different key sends again', async () => {
    const body = { from: line.number, to: usNumber(), text: 'Twice' };
    const a = await expectOk(alice.post('/messaging/send', body, { 'idempotency-key': 'k' }), 202);
    const b = await expectOk(alice.post('/messaging/send', body, { 'idempotency-key': 'k2' }), 202);
    expect(a.id).not.toBe(b.id);
    const bobs = await bob.post('/messaging/send', body, { 'idempotency-key': 'k' });
    expectError(bobs, 422, 'from_number_not_found');
  });

  it('without a key every request sends', async () => {
    const body = { from: line.number, to: usNumber(), text: 'Each' };
    await expectOk(alice.post('/messaging/send', body), 202);
    await expectOk(alice.post('/messaging/send', body), 202);
    expect(await messagesTo(alice, body.to)).toHaveLength(2);
  });
});
