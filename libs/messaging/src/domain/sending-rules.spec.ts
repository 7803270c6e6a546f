import { E164 } from '@blocx/platform';
import { checkSendRequest, SendingLine, sendingLineViolation } from './sending-rules';

const US_LONG = '+12025550123';
const US_TOLL_FREE = '+18885550123';
const US_TO = '+12025550199';
const CA_TO = '+14165550123';
const GB_TO = '+447911123456';

describe('checkSendRequest', () => {
  const ok = { from: US_LONG, to: US_TO, text: 'Hello' };

  it.each([
    ['from missing', { ...ok, from: undefined }, 'invalid_phone_number', '/from'],
    ['from not E.164', { ...ok, from: '2025550123' }, 'invalid_phone_number', '/from'],
    ['from not a number', { ...ok, from: 12025550123 }, 'invalid_phone_number', '/from'],
    ['to invalid', { ...ok, to: '+1202' }, 'invalid_phone_number', '/to'],
    ['both invalid: from first', { ...ok, from: 'x', to: 'y' }, 'invalid_phone_number', '/from'],
    ['text missing', { ...ok, text: undefined }, 'text_required', '/text'],
    ['text blank', { ...ok, text: '   ' }, 'text_required', '/text'],
    ['to invalid before text', { ...ok, to: 'y', text: '' }, 'invalid_phone_number', '/to'],
    ['1,531 GSM-7 characters', { ...ok, text: 'a'.repeat(1531) }, 'text_too_long', '/text'],
    ['671 UCS-2 characters', { ...ok, text: 'ж'.repeat(671) }, 'text_too_long', '/text'],
  ])('%s → %s', (_, request, code, pointer) => {
    let thrown: unknown;
    try {
      checkSendRequest(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code, status: 422, source: { pointer } });
  });

  it('accepts the longest texts and measures them', () => {
    expect(checkSendRequest({ ...ok, text: 'a'.repeat(1530) }).size).toMatchObject({ parts: 10 });
    expect(checkSendRequest({ ...ok, text: 'ж'.repeat(670) }).size).toMatchObject({
      encoding: 'UCS-2',
      parts: 10,
    });
  });
});

describe('sendingLineViolation', () => {
  const number = {
    phoneNumber: US_LONG,
    accountId: 'acc-1',
    type: 'long_code' as const,
    country: 'US',
    profileId: 'prof-1',
    campaignId: 'camp-1',
  };
  function line(overrides: Partial<SendingLine> = {}, to = US_TO): SendingLine {
    return {
      accountId: 'acc-1',
      from: E164.parse(number.phoneNumber) as E164,
      to: E164.parse(to) as E164,
      number,
      allowedCountries: ['US'],
      ...overrides,
    };
  }

  it.each<[string, SendingLine, string | undefined]>([
    ['all fine', line(), undefined],
    ['unknown number', line({ number: undefined }), 'from_number_not_found'],
    ['another account’s number', line({ accountId: 'acc-2' }), 'from_number_not_found'],
    ['no profile', line({ number: { ...number, profileId: null } }), 'from_number_not_assigned'],
    ['country not allowed', line({}, CA_TO), 'destination_not_allowed'],
    ['allowed once listed', line({ allowedCountries: ['US', 'CA'] }, CA_TO), undefined],
    [
      'not allowed comes before campaign',
      line({ number: { ...number, campaignId: null } }, GB_TO),
      'destination_not_allowed',
    ],
    [
      'US long code → US without campaign',
      line({ number: { ...number, campaignId: null } }),
      'campaign_required',
    ],
    [
      'US long code → CA needs no campaign',
      line({ number: { ...number, campaignId: null }, allowedCountries: ['CA'] }, CA_TO),
      undefined,
    ],
    [
      'toll-free needs no campaign',
      line({
        from: E164.parse(US_TOLL_FREE) as E164,
        number: { ...number, phoneNumber: US_TOLL_FREE, type: 'toll_free', campaignId: null },
      }),
      undefined,
    ],
  ])('%s', (_, given, expected) => {
    expect(sendingLineViolation(given)?.code).toBe(expected);
  });
});
