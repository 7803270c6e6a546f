import { DEFAULT_SETTINGS } from '../../../../libs/profiles/src/domain/profile-settings';
import { ProfileSettings } from '../api/types';

/**
 * What the API fills in when a create leaves a field out (docs/api.md), shown in the New profile
 * form so people see and can edit them: the service's own defaults, in the API's field names.
 */
export const PROFILE_DEFAULTS: ProfileSettings = {
  name: '',
  webhook_url: DEFAULT_SETTINGS.webhookUrl,
  webhook_failover_url: DEFAULT_SETTINGS.webhookFailoverUrl,
  webhook_events: [...DEFAULT_SETTINGS.webhookEvents],
  allowed_countries: [...DEFAULT_SETTINGS.allowedCountries],
  opt_out: { ...DEFAULT_SETTINGS.optOut, keywords: [...DEFAULT_SETTINGS.optOut.keywords] },
  opt_in: { ...DEFAULT_SETTINGS.optIn, keywords: [...DEFAULT_SETTINGS.optIn.keywords] },
  help: { ...DEFAULT_SETTINGS.help, keywords: [...DEFAULT_SETTINGS.help.keywords] },
};
