import { given } from '@blocx/event-sourcing';
import { E164 } from '@blocx/platform';
import { PhoneNumber } from './phone-number.aggregate';
import { CampaignNotAvailable, NumberAlreadyExists, NumberNotFound } from './phone-number.errors';
import {
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberAssignedToProfile,
  NumberMoveFailed,
  NumberMoveRequested,
  NumberProvisioned,
  NumberReleased,
  NumberUnassignedFromProfile,
} from './phone-number.events';

const at = new Date('2025-03-01T10:00:00.000Z');
const later = new Date('2025-03-01T11:00:00.000Z');
const e164 = E164.parse('+12025550123')!;
const phoneNumber = e164.value;
const accountId = 'acc-1';
const [profileA, profileB] = ['prof-a', 'prof-b'];

const provisioned = new NumberProvisioned({
  phoneNumber,
  accountId,
  type: 'long_code',
  country: 'US',
  provisionedAt: at.toISOString(),
});
const requested = (moveId: string, profileId: string | null, time = at) =>
  new NumberMoveRequested({
    phoneNumber,
    accountId,
    moveId,
    profileId,
    requestedAt: time.toISOString(),
  });
const assigned = (moveId: string, profileId: string, previousProfileId: string | null) =>
  new NumberAssignedToProfile({
    phoneNumber,
    accountId,
    moveId,
    profileId,
    previousProfileId,
    assignedAt: at.toISOString(),
  });
const released = new NumberReleased({ phoneNumber, accountId, releasedAt: at.toISOString() });
const unassigned = (moveId: string, previousProfileId: string | null) =>
  new NumberUnassignedFromProfile({
    phoneNumber,
    accountId,
    moveId,
    previousProfileId,
    unassignedAt: at.toISOString(),
  });
const inA = [provisioned, requested('m1', profileA), assigned('m1', profileA, null)];
const campaign = { id: 'camp-1', accountId, status: 'active' as const };

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

describe('PhoneNumber: moves', () => {
  it('records a move to a profile for the saga, without changing the holder yet', () => {
    const number = given(PhoneNumber, [provisioned])
      .when((n) => n.requestMove(accountId, 'm1', profileA, at))
      .then([requested('m1', profileA)]);
    expect(number.profileId).toBeNull();
    expect(number.pendingMove('m1')).toEqual({
      moveId: 'm1',
      profileId: profileA,
      requestedAt: at.toISOString(),
    });
  });

  it('records nothing and waits for nothing when the number is there already', () => {
    const number = given(PhoneNumber, inA)
      .when((n) => expect(n.requestMove(accountId, 'm2', profileA, at)).toBeUndefined())
      .then([]);
    expect(number.profileId).toBe(profileA);
    given(PhoneNumber, [provisioned])
      .when((n) => expect(n.requestMove(accountId, 'm2', null, at)).toBeUndefined())
      .then([]);
  });

  it('answers the move already on its way to the same profile instead of a second one', () => {
    given(PhoneNumber, [provisioned, requested('m1', profileA)])
      .when((n) => expect(n.requestMove(accountId, 'm2', profileA, at)).toBe('m1'))
      .then([]);
  });

  it('queues a move behind a pending one', () => {
    const number = given(PhoneNumber, [provisioned, requested('m1', profileA)])
      .when((n) => n.requestMove(accountId, 'm2', profileB, later))
      .then([requested('m2', profileB, later)]);
    expect(number.pending.map((m) => m.moveId)).toEqual(['m1', 'm2']);
  });

  it('records an unassignment as a move to no profile', () => {
    given(PhoneNumber, inA)
      .when((n) => n.requestMove(accountId, 'm2', null, at))
      .then([requested('m2', null)]);
  });

  it('refuses another account, an unknown and a released number alike (404)', () => {
    given(PhoneNumber, [provisioned])
      .when((n) => n.requestMove('acc-2', 'm1', profileA, at))
      .thenThrows(NumberNotFound);
    given(PhoneNumber, [])
      .when((n) => n.requestMove(accountId, 'm1', profileA, at))
      .thenThrows((e) => e instanceof NumberNotFound && e.status === 404);
    given(PhoneNumber, [provisioned, released])
      .when((n) => n.requestMove(accountId, 'm1', profileA, at))
      .thenThrows(NumberNotFound);
  });

  it('completes a move with the previous profile, at the time it was asked for', () => {
    const history = [...inA, requested('m2', profileB, later)];
    const number = given(PhoneNumber, history)
      .when((n) => n.completeMove('m2'))
      .then([
        new NumberAssignedToProfile({
          phoneNumber,
          accountId,
          moveId: 'm2',
          profileId: profileB,
          previousProfileId: profileA,
          assignedAt: later.toISOString(),
        }),
      ]);
    expect(number.profileId).toBe(profileB);
    expect(number.pending).toEqual([]);
  });

  it('completes a move to no profile as an unassignment', () => {
    const number = given(PhoneNumber, [...inA, requested('m2', null)])
      .when((n) => n.completeMove('m2'))
      .then([unassigned('m2', profileA)]);
    expect(number.profileId).toBeNull();
  });

  it('settles a move once: completing or failing it again records nothing', () => {
    given(PhoneNumber, inA)
      .when((n) => n.completeMove('m1'))
      .then([]);
    given(PhoneNumber, inA)
      .when((n) => n.failMove('m1'))
      .then([]);
    given(PhoneNumber, [provisioned])
      .when((n) => n.completeMove('never-asked'))
      .then([]);
  });

  it('compensates a failed move: the number stays with the profile it had', () => {
    const history = [...inA, requested('m2', profileB, later)];
    const number = given(PhoneNumber, history)
      .when((n) => n.failMove('m2'))
      .then([
        new NumberMoveFailed({
          phoneNumber,
          accountId,
          moveId: 'm2',
          profileId: profileB,
          keptProfileId: profileA,
          reason: 'profile_not_available',
          failedAt: later.toISOString(),
        }),
      ]);
    expect(number.profileId).toBe(profileA);
    expect(number.pending).toEqual([]);
  });

  it('a failed first move leaves the number unassigned', () => {
    const number = given(PhoneNumber, [provisioned, requested('m1', profileA)])
      .when((n) => n.failMove('m1'))
      .then([
        new NumberMoveFailed({
          phoneNumber,
          accountId,
          moveId: 'm1',
          profileId: profileA,
          keptProfileId: null,
          reason: 'profile_not_available',
          failedAt: at.toISOString(),
        }),
      ]);
    expect(number.profileId).toBeNull();
  });

  it('settles the moves of a released number, so its profile lets it go', () => {
    const number = given(PhoneNumber, [...inA, requested('m2', null), released])
      .when((n) => n.completeMove('m2'))
      .then([unassigned('m2', profileA)]);
    expect([number.status, number.profileId]).toEqual(['released', null]);
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
