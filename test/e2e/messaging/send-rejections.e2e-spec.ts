import { startTestService, TestService } from '../../support/test-service';
import {
  CA,
  Client,
  expectError,
  expectOk,
  inbound,
  Line,
  openLine,
  tollFreeNumber,
  usNumber,
} from './messaging-fixture';

describe('POST /messaging/send rejections, in the contract’s order', () => {
  let service: TestService;
  let alice: Client;
  let line: Line;
  let bare: string;
  let noCampaign: Line;

  beforeAll(async () => {
    service = await startTestService();
    alice = await service.newAccount('Alice');
    line = await openLine(alice);
    noCampaign = await openLine(alice, { campaign: false });
    bare = usNumber();
    await expectOk(alice.post('/numbers', { phone_number: bare }), 201);
  });
  afterAll(() => service.close());

  const send = (body: object, headers: Record<string, string> = {}) =>
    alice.post('/messaging/send', body, headers);
  const ok = () => ({ from: line.number, to: usNumber(), text: 'Hello' });

  it.each<[string, () => object, string, string]>([
    ['from missing', () => ({ ...ok(), from: undefined }), 'invalid_phone_number', '/from'],
    ['from not E.164', () => ({ ...ok(), from: '2025550123' }), 'invalid_phone_number', '/from'],
    ['from a number type', () => ({ ...ok(), from: 12025550123 }), 'invalid_phone_number', '/from'],
    ['to invalid', () => ({ ...ok(), to: '+1202' }), 'invalid_phone_number', '/to'],
    ['text missing', () => ({ ...ok(), text: undefined }), 'text_required', '/text'],
    ['text empty', () => ({ ...ok(), text: '' }), 'text_required', '/text'],
    ['text not a string', () => ({ ...ok(), text: 42 }), 'text_required', '/text'],
    [
      '1,531 GSM-7 characters',
      () => ({ ...ok(), text: 'a'.repeat(1531) }),
      'text_too_long',
      '/text',
    ],
    ['671 UCS-2 characters', () => ({ ...ok(), text: '€ж'.repeat(336) }), 'text_too_long', '/text'],
    ['unknown number', () => ({ ...ok(), from: usNumber() }), 'from_number_not_found', '/from'],
    [
      'number without profile',
      () => ({ ...ok(), from: bare }),
      'from_number_not_assigned',
      '/from',
    ],
    ['country not allowed', () => ({ ...ok(), to: CA }), 'destination_not_allowed', '/to'],
    [
      'US long code to US without campaign',
      () => ({ ...ok(), from: noCampaign.number }),
      'campaign_required',
      '/from',
    ],
  ])('%s → 422 %s', async (_, body, code, pointer) => {
    expectError(await send(body()), 422, code, pointer);
  });

  it.each<[string, () => object, string]>([
    ['bad from beats bad to and no text', () => ({ from: 'x', to: 'y' }), 'invalid_phone_number'],
    ['bad to beats no text', () => ({ from: line.number, to: 'y' }), 'invalid_phone_number'],
    [
      'too long beats an unknown number',
      () => ({ ...ok(), from: usNumber(), text: 'a'.repeat(2000) }),
      'text_too_long',
    ],
    [
      'unassigned beats a disallowed country',
      () => ({ from: bare, to: CA, text: 'x' }),
      'from_number_not_assigned',
    ],
    [
      'disallowed country beats a missing campaign',
      () => ({ from: noCampaign.number, to: '+447911123456', text: 'x' }),
      'destination_not_allowed',
    ],
  ])('order: %s', async (_, body, code) => {
    expectError(await send(body()), 422, code);
  });

  it('takes the longest texts: 1,530 GSM-7 and 670 UCS-2 characters, 10 parts', async () => {
    const gsm = await expectOk(send({ ...ok(), text: 'a'.repeat(1530) }), 202);
    expect(gsm).toMatchObject({ encoding: 'GSM-7', parts: 10 });
    const ucs = await expectOk(send({ ...ok(), text: 'ж'.repeat(670) }), 202);
    expect(ucs).toMatchObject({ encoding: 'UCS-2', parts: 10 });
  });

  it('needs no campaign for a toll-free number, nor for a long code sending abroad', async () => {
    const tollFree = await openLine(alice, { campaign: false, tollFree: true });
    await expectOk(send({ ...ok(), from: tollFree.number }), 202);
    const abroad = await openLine(alice, {
      campaign: false,
      profile: { allowed_countries: ['CA'] },
    });
    await expectOk(send({ from: abroad.number, to: CA, text: 'Bonjour' }), 202);
    expect(tollFreeNumber()).toMatch(/^\+1888/);
  });

  it('recipient_opted_out after a STOP; a campaign problem is reported first', async () => {
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'STOP'), 202);
    expectError(await send({ ...ok(), to: handset }), 422, 'recipient_opted_out', '/to');
    await expectOk(inbound(service.operator, handset, noCampaign.number, 'STOP'), 202);
    expectError(
      await send({ from: noCampaign.number, to: handset, text: 'x' }),
      422,
      'campaign_required',
    );
  });

  it('idempotency_key_reused for another body, only once everything else passed', async () => {
    const body = ok();
    await expectOk(send(body, { 'idempotency-key': 'k-reused' }), 202);
    const other = { ...body, text: 'Something else' };
    expectError(
      await send(other, { 'idempotency-key': 'k-reused' }),
      422,
      'idempotency_key_reused',
    );
    expectError(
      await send({ ...other, text: '' }, { 'idempotency-key': 'k-reused' }),
      422,
      'text_required',
    );
    expectError(
      await send(body, { 'idempotency-key': 'x'.repeat(256) }),
      422,
      'invalid_idempotency_key',
    );
  });

  it('refuses unknown fields and a body that is not an object', async () => {
    expectError(await send({ ...ok(), media_urls: [] }), 422, 'unknown_field', '/media_urls');
    expect((await alice.post('/messaging/send', '[1]')).status).toBe(400);
    expect((await alice.withKey(undefined).post('/messaging/send', ok())).status).toBe(401);
  });

  it('creates no message for a rejected send', async () => {
    const before = (await alice.get('/messages')).body.meta.total;
    await send({ ...ok(), to: CA });
    await send({ ...ok(), from: usNumber() });
    expect((await alice.get('/messages')).body.meta.total).toBe(before);
  });
});
