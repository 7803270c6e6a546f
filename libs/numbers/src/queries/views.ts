import { PhoneNumberType } from '@blocx/platform';
import { CampaignStatus, CampaignUseCase } from '../domain/campaign-use-case';

/** A number as the read model holds it. Times are ISO 8601 strings from the events. */
export interface PhoneNumberView {
  phoneNumber: string;
  accountId: string;
  type: PhoneNumberType;
  country: string | null;
  messagingProfileId: string | null;
  campaignId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignView {
  id: string;
  accountId: string;
  brandName: string;
  useCase: CampaignUseCase;
  description: string;
  status: CampaignStatus;
  createdAt: string;
  updatedAt: string;
}

export interface ViewPage<T> {
  items: T[];
  total: number;
}
