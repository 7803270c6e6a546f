import { DomainEvent } from '@blocx/event-sourcing';
import {
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberAssignedToProfile,
  NumberMoveRequested,
  NumberProvisioned,
  NumberReleased,
  NumberUnassignedFromProfile,
} from '@blocx/numbers';
import { foldNumberLine } from './number-line';

/** The line a whole stream folds to. */
const numberLineOf = (events: DomainEvent[]) => events.reduce(foldNumberLine, undefined);

const at = '2025-06-01T10:00:00.000Z';
const key = { phoneNumber: '+12025550123', accountId: 'acc-1' };
const provisioned = new NumberProvisioned({
  ...key,
  type: 'long_code',
  country: 'US',
  provisionedAt: at,
});
const move = { ...key, moveId: 'm1' };
const assigned = new NumberAssignedToProfile({
  ...move,
  profileId: 'p1',
  previousProfileId: null,
  assignedAt: at,
});
const campaign = new CampaignAttachedToNumber({ ...key, campaignId: 'c1', attachedAt: at });

describe('foldNumberLine over a stream', () => {
  it('is undefined for a number never provisioned', () => {
    expect(numberLineOf([])).toBeUndefined();
  });

  it('follows the confirmed profile and the campaign, not a requested move', () => {
    const requested = new NumberMoveRequested({ ...move, profileId: 'p2', requestedAt: at });
    expect(numberLineOf([provisioned, assigned, campaign, requested])).toEqual({
      ...key,
      type: 'long_code',
      country: 'US',
      profileId: 'p1',
      campaignId: 'c1',
    });
  });

  it('forgets profile and campaign when they leave', () => {
    const unassigned = new NumberUnassignedFromProfile({
      ...move,
      previousProfileId: 'p1',
      unassignedAt: at,
    });
    const detached = new CampaignDetachedFromNumber({ ...key, campaignId: 'c1', detachedAt: at });
    expect(numberLineOf([provisioned, assigned, campaign, unassigned, detached])).toMatchObject({
      profileId: null,
      campaignId: null,
    });
  });

  it('is undefined once released, and fresh when provisioned again', () => {
    const released = new NumberReleased({ ...key, releasedAt: at });
    expect(numberLineOf([provisioned, assigned, released])).toBeUndefined();
    const again = new NumberProvisioned({ ...provisioned.data, accountId: 'acc-2' });
    expect(numberLineOf([provisioned, assigned, released, again])).toMatchObject({
      accountId: 'acc-2',
      profileId: null,
    });
  });
});
