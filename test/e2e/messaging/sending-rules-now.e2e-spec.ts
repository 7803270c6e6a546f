import { ApiClient } from '../../support/api-client';
import {
  startTestInstance,
  startTestService,
  TestInstance,
  TestService,
} from '../../support/test-service';
import {
  CA,
  Client,
  expectError,
  expectOk,
  inbound,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

/**
 * A send reads its number's and its profile's rules from the log, where each instance keeps what
 * it last read and reads only what was appended since: an edit made through one instance applies
 * to the very next send on another that had read the old rules a moment before.
 */
describe('sending rules as they are now, on every instance', () => {
  let service: TestService;
  let other: TestInstance;
  let alice: Client;
  let aliceElsewhere: ApiClient;
  let line: Line;

  beforeAll(async () => {
    service = await startTestService();
    other = await startTestInstance(service.database, service.operatorKey, {
      SUBSCRIPTIONS: 'api',
    });
    alice = await service.newAccount('Alice');
    aliceElsewhere = new ApiClient(other.baseUrl, alice.apiKey);
    line = await openLine(alice);
  });
  afterAll(async () => {
    await other?.close();
    await service?.close();
  });

  const sendElsewhere = (to: string) =>
    aliceElsewhere.post('/messaging/send', { from: line.number, to, text: 'Bonjour' });
  const assign = (profileId: string | null) =>
    expectOk(
      alice.patch(`/numbers/${encodeURIComponent(line.number)}`, {
        messaging_profile_id: profileId,
      }),
      200,
    );

  it('an edit of the allowed countries applies to the next send', async () => {
    expectError(await sendElsewhere(CA), 422, 'destination_not_allowed', '/to');
    await expectOk(
      alice.patch(`/messaging-profiles/${line.profileId}`, { allowed_countries: ['US', 'CA'] }),
      200,
    );
    const sent = await expectOk(sendElsewhere(CA), 202);
    expect(sent).toMatchObject({ to: CA, messaging_profile_id: line.profileId });

    await expectOk(
      alice.patch(`/messaging-profiles/${line.profileId}`, { allowed_countries: ['US'] }),
      200,
    );
    expectError(await sendElsewhere(CA), 422, 'destination_not_allowed', '/to');
  });

  it('a STOP recorded through another instance blocks the next send here, and START lifts it', async () => {
    const handset = usNumber();
    await expectOk(sendElsewhere(handset), 202);
    await expectOk(sendElsewhere(handset), 202); // the rules as this instance last read them
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    expectError(await sendElsewhere(handset), 422, 'recipient_opted_out', '/to');
    await expectOk(inbound(service.operator, handset, line.number, 'START'), 202);
    await expectOk(sendElsewhere(handset), 202);
  });

  it("a move of the number applies the new profile's rules to the next send", async () => {
    await expectOk(
      alice.patch(`/messaging-profiles/${line.profileId}`, { allowed_countries: ['US', 'CA'] }),
      200,
    );
    await expectOk(sendElsewhere(CA), 202);
    const usOnly = await expectOk(alice.post('/messaging-profiles', { name: 'US only' }), 201);
    await assign(usOnly.id as string);

    expectError(await sendElsewhere(CA), 422, 'destination_not_allowed', '/to');
    const sent = await expectOk(sendElsewhere(usNumber()), 202);
    expect(sent.messaging_profile_id).toBe(usOnly.id);

    await assign(line.profileId);
    expect((await expectOk(sendElsewhere(CA), 202)).messaging_profile_id).toBe(line.profileId);

    await assign(null);
    expectError(await sendElsewhere(usNumber()), 422, 'from_number_not_assigned', '/from');
  });
});
