import {
  KeywordHandling,
  ProfileDraft,
  ProfilePatch,
  WebhookEvent,
} from '../domain/profile-settings';
import {
  CreateMessagingProfileRequest,
  KeywordHandlingRequest,
  UpdateMessagingProfileRequest,
} from './messaging-profile.request';

function keywordHandling(
  request: KeywordHandlingRequest | undefined,
): Partial<KeywordHandling> | undefined {
  if (request === undefined) return undefined;
  return { keywords: request.keywords, message: request.message };
}

/** The request's fields in the domain's names; a field left out stays undefined. */
export function toPatch(request: UpdateMessagingProfileRequest): ProfilePatch {
  return {
    name: request.name,
    webhookUrl: request.webhook_url,
    webhookFailoverUrl: request.webhook_failover_url,
    // The aggregate refuses any value outside the four, with a pointer to it.
    webhookEvents: request.webhook_events as WebhookEvent[] | undefined,
    allowedCountries: request.allowed_countries,
    optOut: keywordHandling(request.opt_out),
    optIn: keywordHandling(request.opt_in),
    help: keywordHandling(request.help),
  };
}

export function toDraft(request: CreateMessagingProfileRequest): ProfileDraft {
  return { ...toPatch(request), name: request.name };
}
