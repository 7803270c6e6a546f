/** The shapes of the public API (docs/api.md), as the portal reads them. */
import {
  CAMPAIGN_USE_CASES,
  CampaignUseCase,
} from '../../../../libs/numbers/src/domain/campaign-use-case';
import { WEBHOOK_EVENTS } from '../../../../libs/profiles/src/domain/profile-settings';

// The contract's fixed lists come from the service's own domain modules (plain constants, no
// server code), so the portal never offers a value the API would refuse.
export { CAMPAIGN_USE_CASES as USE_CASES, WEBHOOK_EVENTS };

export interface PageMeta {
  total: number;
  page_number: number;
  page_size: number;
}

export interface KeywordHandling {
  keywords: string[];
  message: string;
}

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface ProfileSettings {
  name: string;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  webhook_events: WebhookEvent[];
  allowed_countries: string[];
  opt_out: KeywordHandling;
  opt_in: KeywordHandling;
  help: KeywordHandling;
}

export interface Profile extends ProfileSettings {
  id: string;
  number_count: number;
  created_at: string;
  updated_at: string;
}

export interface PhoneNumber {
  phone_number: string;
  type: 'long_code' | 'toll_free';
  country: string | null;
  messaging_profile_id: string | null;
  campaign_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface NumberAssignment {
  phone_number: string;
  messaging_profile_id: string;
  previous_messaging_profile_id: string | null;
}

export interface Campaign {
  id: string;
  brand_name: string;
  use_case: CampaignUseCase;
  description: string;
  status: string;
  created_at: string;
}

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface Message {
  id: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  text: string;
  messaging_profile_id: string | null;
  status: MessageStatus;
  encoding: 'GSM-7' | 'UCS-2';
  parts: number;
  errors: { code: string; title: string; detail: string }[];
  created_at: string;
  updated_at: string;
}

/** GET /messages/{id}/status-history: every status with its time, oldest first. */
export interface MessageStatusHistory {
  message_id: string;
  status: MessageStatus;
  events: {
    status: MessageStatus;
    occurred_at: string;
    errors: Message['errors'];
    carrier: string | null;
    carrier_message_id: string | null;
  }[];
}

export interface WebhookAttempt {
  url: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  at: string;
}

export interface WebhookDelivery {
  id: string;
  event_id: string;
  event_type: WebhookEvent;
  status: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  next_attempt_at?: string | null;
  created_at: string;
}

export interface ProfileReport {
  from: string;
  to: string;
  outbound: { queued: number; sent: number; delivered: number; failed: number; blocked: number };
  inbound: { received: number };
  opt_outs: number;
  opt_ins: number;
}

export interface OptOut {
  from: string;
  to: string;
  messaging_profile_id: string | null;
  keyword: string;
  opted_out_at: string;
}

export interface ConsentHistory {
  number: string;
  recipient: string;
  status: 'opted_out' | 'opted_in' | 'none';
  events: {
    type: 'opted_out' | 'opted_in' | 'help_requested';
    keyword: string;
    text: string;
    messaging_profile_id: string | null;
    message_id: string;
    occurred_at: string;
  }[];
}
