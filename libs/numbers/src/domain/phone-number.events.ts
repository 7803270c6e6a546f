import { DomainEvent } from '@blocx/event-sourcing';
import { PhoneNumberType } from '@blocx/platform';

/** The number joined an account (again, after an earlier release). */
export class NumberProvisioned extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  type: PhoneNumberType;
  country: string | null;
  provisionedAt: string;
}> {}

/**
 * A move was asked for and the number-move saga will carry it out: attach to `profileId` (none
 * when null), then detach from whichever profile holds the number at that point.
 */
export class NumberMoveRequested extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  moveId: string;
  profileId: string | null;
  requestedAt: string;
}> {}

/** The saga finished a move: the target profile holds the number, the previous one let it go. */
export class NumberAssignedToProfile extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  moveId: string;
  profileId: string;
  previousProfileId: string | null;
  assignedAt: string;
}> {}

/** The saga finished a move to no profile (an unassignment, or the release of the number). */
export class NumberUnassignedFromProfile extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  moveId: string;
  previousProfileId: string | null;
  unassignedAt: string;
}> {}

/** The target profile was gone when the saga got there: the number stays where it was. */
export class NumberMoveFailed extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  moveId: string;
  profileId: string;
  keptProfileId: string | null;
  reason: 'profile_not_available';
  failedAt: string;
}> {}

export class CampaignAttachedToNumber extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  campaignId: string;
  attachedAt: string;
}> {}

export class CampaignDetachedFromNumber extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  campaignId: string;
  detachedAt: string;
}> {}

/** The number left its account; the platform may provision it again once its last move settled. */
export class NumberReleased extends DomainEvent<{
  phoneNumber: string;
  accountId: string;
  releasedAt: string;
}> {}

export const phoneNumberEvents = [
  NumberProvisioned,
  NumberMoveRequested,
  NumberAssignedToProfile,
  NumberUnassignedFromProfile,
  NumberMoveFailed,
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberReleased,
];

/** The events that settle a move (its saga is done with it). */
export type MoveSettlement =
  NumberAssignedToProfile | NumberUnassignedFromProfile | NumberMoveFailed;
