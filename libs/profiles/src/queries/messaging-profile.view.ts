import { ProfileSettings } from '../domain/profile-settings';

/** A profile as the read model holds it. Times are ISO 8601 strings from the events. */
export interface MessagingProfileView extends ProfileSettings {
  id: string;
  accountId: string;
  numberCount: number;
  createdAt: string;
  /** The time of the last settings change (number moves change only numberCount). */
  updatedAt: string;
}
