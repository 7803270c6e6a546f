import { E164 } from '@blocx/platform';
import {
  NumberAssignedToProfile,
  NumberMoveRequested,
  NumberProvisioned,
  NumberReleased,
  NumberUnassignedFromProfile,
} from './phone-number.events';

/** Shared facts of the PhoneNumber specs (excluded from the build and from test discovery). */
export const at = new Date('2025-03-01T10:00:00.000Z');
export const later = new Date('2025-03-01T11:00:00.000Z');
export const e164 = E164.parse('+12025550123')!;
export const phoneNumber = e164.value;
export const accountId = 'acc-1';
export const [profileA, profileB] = ['prof-a', 'prof-b'];

export const provisioned = new NumberProvisioned({
  phoneNumber,
  accountId,
  type: 'long_code',
  country: 'US',
  provisionedAt: at.toISOString(),
});
export const requested = (moveId: string, profileId: string | null, time = at) =>
  new NumberMoveRequested({
    phoneNumber,
    accountId,
    moveId,
    profileId,
    requestedAt: time.toISOString(),
  });
export const assigned = (moveId: string, profileId: string, previousProfileId: string | null) =>
  new NumberAssignedToProfile({
    phoneNumber,
    accountId,
    moveId,
    profileId,
    previousProfileId,
    assignedAt: at.toISOString(),
  });
export const released = new NumberReleased({
  phoneNumber,
  accountId,
  releasedAt: at.toISOString(),
});
export const unassigned = (moveId: string, previousProfileId: string | null) =>
  new NumberUnassignedFromProfile({
    phoneNumber,
    accountId,
    moveId,
    previousProfileId,
    unassignedAt: at.toISOString(),
  });
export const inA = [provisioned, requested('m1', profileA), assigned('m1', profileA, null)];
export const campaign = { id: 'camp-1', accountId, status: 'active' as const };
