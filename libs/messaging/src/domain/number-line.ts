import { DomainEvent } from '@blocx/event-sourcing';
import {
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberAssignedToProfile,
  NumberProvisioned,
  NumberReleased,
  NumberUnassignedFromProfile,
} from '@blocx/numbers';
import { PhoneNumberType } from '@blocx/platform';

/** What sending needs to know of a platform number, as its stream says right now. */
export interface NumberLine {
  phoneNumber: string;
  accountId: string;
  type: PhoneNumberType;
  country: string | null;
  profileId: string | null;
  campaignId: string | null;
}

/**
 * One event of a `phoneNumber-<digits>` stream (the numbers context's public events): the line
 * after it, a new object when it changed. Undefined when the number is not on the platform now
 * (never provisioned, or released).
 */
export function foldNumberLine(
  line: NumberLine | undefined,
  event: DomainEvent,
): NumberLine | undefined {
  if (event instanceof NumberProvisioned) {
    const { phoneNumber, accountId, type, country } = event.data;
    return { phoneNumber, accountId, type, country, profileId: null, campaignId: null };
  }
  if (event instanceof NumberReleased || line === undefined) return undefined;
  if (event instanceof NumberAssignedToProfile) return { ...line, profileId: event.data.profileId };
  if (event instanceof NumberUnassignedFromProfile) return { ...line, profileId: null };
  if (event instanceof CampaignAttachedToNumber) {
    return { ...line, campaignId: event.data.campaignId };
  }
  if (event instanceof CampaignDetachedFromNumber) return { ...line, campaignId: null };
  return line;
}
