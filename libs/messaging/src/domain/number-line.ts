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
 * Folds the events of a `phoneNumber-<digits>` stream (the numbers context's public events).
 * Undefined when the number is not on the platform now (never provisioned, or released).
 */
export function numberLineOf(events: readonly DomainEvent[]): NumberLine | undefined {
  let line: NumberLine | undefined;
  for (const event of events) {
    if (event instanceof NumberProvisioned) {
      const { phoneNumber, accountId, type, country } = event.data;
      line = { phoneNumber, accountId, type, country, profileId: null, campaignId: null };
    } else if (event instanceof NumberReleased) {
      line = undefined;
    } else if (line === undefined) {
      continue;
    } else if (event instanceof NumberAssignedToProfile) {
      line = { ...line, profileId: event.data.profileId };
    } else if (event instanceof NumberUnassignedFromProfile) {
      line = { ...line, profileId: null };
    } else if (event instanceof CampaignAttachedToNumber) {
      line = { ...line, campaignId: event.data.campaignId };
    } else if (event instanceof CampaignDetachedFromNumber) {
      line = { ...line, campaignId: null };
    }
  }
  return line;
}
