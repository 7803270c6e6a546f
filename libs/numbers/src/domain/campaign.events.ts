import { DomainEvent } from '@blocx/event-sourcing';
import { CampaignStatus, CampaignUseCase } from './campaign-use-case';

/** A 10DLC campaign was registered for an account; it starts active. */
export class CampaignRegistered extends DomainEvent<{
  campaignId: string;
  accountId: string;
  brandName: string;
  useCase: CampaignUseCase;
  description: string;
  status: CampaignStatus;
  registeredAt: string;
}> {}

export const campaignEvents = [CampaignRegistered];
