import { startTestService, TestService } from '../../support/test-service';
import {
  awaitStatus,
  Client,
  expectError,
  expectOk,
  ISO,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

describe('sending over HTTP', () => {
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

  it('queues a message (202), shows it at once, and the carrier delivers it', async () => {
    const to = usNumber();
    const sent = await alice.post('/messaging/send', { from: line.number, to, text: 'Hello' });
    expect(sent.status).toBe(202);
    const message = sent.body.data;
    expect(message).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      direction: 'outbound',
      from: line.number,
      to,
      text: 'Hello',
      messaging_profile_id: line.profileId,
      status: 'queued',
      encoding: 'GSM-7',
      parts: 1,
      errors: [],
      created_at: expect.stringMatching(ISO),
      updated_at: message.created_at,
    });
    const read = await alice.get(`/messages/${message.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.id).toBe(message.id);
    const done = await awaitStatus(alice, message.id, ['delivered', 'failed'], 2000);
    expect(done.status).toBe('delivered');
  });

  it('ends failed with carrier_rejected for a destination ending 0999', async () => {
    const sent = await expectOk(
      alice.post('/messaging/send', { from: line.number, to: '+12025550999', text: 'Hi' }),
      202,
    );
    const done = await awaitStatus(alice, sent.id as string, ['delivered', 'failed']);
    expect(done).toMatchObject({
      status: 'failed',
      errors: [{ code: 'carrier_rejected', title: expect.any(String), detail: expect.any(String) }],
    });
  });

  it('hides a message from another account', async () => {
    const sent = await expectOk(
      alice.post('/messaging/send', { from: line.number, to: usNumber(), text: 'Mine' }),
      202,
    );
    expectError(await bob.get(`/messages/${sent.id}`), 404, 'message_not_found');
    expectError(await bob.get('/messages/not-a-uuid'), 404, 'message_not_found');
    const listed = await bob.get('/messages');
    expect(listed.body.meta.total).toBe(0);
  });

  it('refuses a send from another account’s number', async () => {
    const refused = await bob.post('/messaging/send', {
      from: line.number,
      to: usNumber(),
      text: 'Hi',
    });
    expectError(refused, 422, 'from_number_not_found', '/from');
  });
});
