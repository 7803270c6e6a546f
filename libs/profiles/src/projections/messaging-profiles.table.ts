import { KeywordHandling, WebhookEvent } from '../domain/profile-settings';
import { MessagingProfileView } from '../queries/messaging-profile.view';

/** The read-model table of profiles, one row per live profile. */
export const MESSAGING_PROFILES_TABLE = 'messaging_profiles';

/** The projection that fills it; write endpoints wait for it (read-your-writes). */
export const MESSAGING_PROFILES_PROJECTION = 'profiles.messaging_profiles';

export interface MessagingProfileRow {
  id: string;
  account_id: string;
  name: string;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  webhook_events: WebhookEvent[];
  allowed_countries: string[];
  opt_out: KeywordHandling;
  opt_in: KeywordHandling;
  help: KeywordHandling;
  number_count: number;
  created_at: Date;
  updated_at: Date;
}

export const PROFILE_COLUMNS =
  'id, account_id, name, webhook_url, webhook_failover_url, webhook_events, allowed_countries, ' +
  'opt_out, opt_in, help, number_count, created_at, updated_at';

export function toView(row: MessagingProfileRow): MessagingProfileView {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    webhookUrl: row.webhook_url,
    webhookFailoverUrl: row.webhook_failover_url,
    webhookEvents: row.webhook_events,
    allowedCountries: row.allowed_countries,
    optOut: row.opt_out,
    optIn: row.opt_in,
    help: row.help,
    numberCount: row.number_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
