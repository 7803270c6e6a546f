import { E164 } from '@blocx/platform';
import { given } from '@blocx/event-sourcing';
import { PhoneNumber } from './phone-number.aggregate';
import { CampaignNotAvailable, NumberAlreadyExists, NumberNotFound } from './phone-number.errors';
import {
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberProvisioned,
} from './phone-number.events';
import {
  at,
  later,
  e164,
  phoneNumber,
  accountId,
  profileA,
  provisioned,
  requested,
  released,
  unassigned,
  inA,
  campaign,
} from './phone-number.fixture-spec';

describe('PhoneNumber: provisioning', () => {
  it('provisions a new number with its type and country', () => {
    given(PhoneNumber, [])
      .when((n) => n.provision(e164, accountId, at))
      .then([provisioned]);
  });

  it('knows a toll-free number as such', () => {
    const tollFree = E164.parse('+18005550199')!;
    const number = given(PhoneNumber, [])
      .when((n) => n.provision(tollFree, accountId, at))
      .then([
        new NumberProvisioned({
          phoneNumber: '+18005550199',
          accountId,
          type: 'toll_free',
          country: 'US',
          provisionedAt: at.toISOString(),
        }),
      ]);
    expect(number.type).toBe('toll_free');
  });

  it('refuses a number that exists, in this or any other account', () => {
    given(PhoneNumber, [provisioned])
      .when((n) => n.provision(e164, 'acc-2', at))
      .thenThrows(NumberAlreadyExists);
    given(PhoneNumber, [provisioned])
      .when((n) => n.provision(e164, accountId, at))
      .thenThrows((e) => e instanceof NumberAlreadyExists && e.status === 409);
  });

  it('provisions a released number again, into any account, with nothing carried over', () => {
    const history = [
      ...inA,
      new CampaignAttachedToNumber({
        phoneNumber,
        accountId,
        campaignId: 'c',
        attachedAt: at.toISOString(),
      }),
      requested('m2', null),
      released,
      unassigned('m2', profileA),
    ];
    const number = given(PhoneNumber, history)
      .when((n) => n.provision(e164, 'acc-2', later))
      .then([
        new NumberProvisioned({
          phoneNumber,
          accountId: 'acc-2',
          type: 'long_code',
          country: 'US',
          provisionedAt: later.toISOString(),
        }),
      ]);
    expect([number.accountId, number.profileId, number.campaignId]).toEqual(['acc-2', null, null]);
  });

  it('refuses to provision a released number while its release is still leaving a profile', () => {
    given(PhoneNumber, [...inA, requested('m2', null), released])
      .when((n) => n.provision(e164, 'acc-2', later))
      .thenThrows(NumberAlreadyExists);
  });
});

describe('PhoneNumber: campaigns', () => {
  const attached = new CampaignAttachedToNumber({
    phoneNumber,
    accountId,
    campaignId: 'camp-1',
    attachedAt: at.toISOString(),
  });

  it('attaches an active campaign of the same account', () => {
    given(PhoneNumber, [provisioned])
      .when((n) => n.attachCampaign(accountId, 'camp-1', campaign, at))
      .then([attached]);
  });

  it('attaching the campaign it has records nothing', () => {
    given(PhoneNumber, [provisioned, attached])
      .when((n) => n.attachCampaign(accountId, 'camp-1', campaign, at))
      .then([]);
  });

  it('refuses an unknown campaign or one of another account, pointing at /campaign_id', () => {
    given(PhoneNumber, [provisioned])
      .when((n) => n.attachCampaign(accountId, 'camp-1', undefined, at))
      .thenThrows(
        (e) =>
          e instanceof CampaignNotAvailable &&
          e.code === 'campaign_not_found' &&
          e.status === 422 &&
          JSON.stringify(e.source) === '{"pointer":"/campaign_id"}',
      );
    given(PhoneNumber, [provisioned])
      .when((n) => n.attachCampaign(accountId, 'camp-1', { ...campaign, accountId: 'acc-2' }, at))
      .thenThrows(CampaignNotAvailable);
  });

  it('refuses a campaign that is not active', () => {
    const inactive = { ...campaign, status: 'suspended' } as unknown as typeof campaign;
    given(PhoneNumber, [provisioned])
      .when((n) => n.attachCampaign(accountId, 'camp-1', inactive, at))
      .thenThrows(CampaignNotAvailable);
  });

  it('detaches its campaign, and detaching none records nothing', () => {
    given(PhoneNumber, [provisioned, attached])
      .when((n) => n.detachCampaign(accountId, later))
      .then([
        new CampaignDetachedFromNumber({
          phoneNumber,
          accountId,
          campaignId: 'camp-1',
          detachedAt: later.toISOString(),
        }),
      ]);
    given(PhoneNumber, [provisioned])
      .when((n) => n.detachCampaign(accountId, later))
      .then([]);
  });

  it('takes no campaign change for another account', () => {
    given(PhoneNumber, [provisioned])
      .when((n) => n.attachCampaign('acc-2', 'camp-1', { ...campaign, accountId: 'acc-2' }, at))
      .thenThrows(NumberNotFound);
    given(PhoneNumber, [provisioned, attached])
      .when((n) => n.detachCampaign('acc-2', at))
      .thenThrows(NumberNotFound);
  });
});

describe('PhoneNumber: release', () => {
  it('releases an unassigned number at once', () => {
    const number = given(PhoneNumber, [provisioned])
      .when((n) => expect(n.release(accountId, 'm1', at)).toBeUndefined())
      .then([released]);
    expect(number.status).toBe('released');
  });

  it('releasing a number in a profile asks the saga to let it go first', () => {
    given(PhoneNumber, inA)
      .when((n) => expect(n.release(accountId, 'm2', at)).toBe('m2'))
      .then([requested('m2', null), released]);
  });

  it('refuses to release twice or another account’s number', () => {
    given(PhoneNumber, [provisioned, released])
      .when((n) => n.release(accountId, 'm1', at))
      .thenThrows(NumberNotFound);
    given(PhoneNumber, [provisioned])
      .when((n) => n.release('acc-2', 'm1', at))
      .thenThrows(NumberNotFound);
  });
});
