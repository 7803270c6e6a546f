import { DomainEvent } from '@blocx/event-sourcing';
import {
  MessagingProfileCreated,
  MessagingProfileDeleted,
  MessagingProfileUpdated,
} from '@blocx/profiles';

/** What sending needs to know of a messaging profile, as its stream says right now. */
export interface ProfileRules {
  profileId: string;
  accountId: string;
  allowedCountries: readonly string[];
}

/**
 * One event of a `messagingProfile-<uuid>` stream (the profiles context's public events): the
 * rules after it. Undefined before the profile was created and once it is deleted.
 */
export function foldProfileRules(
  rules: ProfileRules | undefined,
  event: DomainEvent,
): ProfileRules | undefined {
  if (event instanceof MessagingProfileCreated) {
    const { profileId, accountId, settings } = event.data;
    return { profileId, accountId, allowedCountries: settings.allowedCountries };
  }
  if (event instanceof MessagingProfileDeleted || rules === undefined) return undefined;
  if (event instanceof MessagingProfileUpdated && event.data.changes.allowedCountries) {
    return { ...rules, allowedCountries: event.data.changes.allowedCountries };
  }
  return rules;
}
