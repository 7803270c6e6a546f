import { PhoneNumberType } from '@blocx/platform';
import { CampaignStatus, CampaignUseCase } from '../domain/campaign-use-case';
import { CampaignView, PhoneNumberView } from '../queries/views';

export interface PhoneNumberRow {
  phone_number: string;
  account_id: string;
  type: PhoneNumberType;
  country: string | null;
  messaging_profile_id: string | null;
  campaign_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export const PHONE_NUMBER_COLUMNS =
  'phone_number, account_id, type, country, messaging_profile_id, campaign_id, created_at, updated_at';

export function phoneNumberView(row: PhoneNumberRow): PhoneNumberView {
  return {
    phoneNumber: row.phone_number,
    accountId: row.account_id,
    type: row.type,
    country: row.country,
    messagingProfileId: row.messaging_profile_id,
    campaignId: row.campaign_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface CampaignRow {
  id: string;
  account_id: string;
  brand_name: string;
  use_case: CampaignUseCase;
  description: string;
  status: CampaignStatus;
  created_at: Date;
  updated_at: Date;
}

export const CAMPAIGN_COLUMNS =
  'id, account_id, brand_name, use_case, description, status, created_at, updated_at';

export function campaignView(row: CampaignRow): CampaignView {
  return {
    id: row.id,
    accountId: row.account_id,
    brandName: row.brand_name,
    useCase: row.use_case,
    description: row.description,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
