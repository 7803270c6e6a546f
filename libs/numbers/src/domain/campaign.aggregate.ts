import { EventSourcedAggregate, streamName } from '@blocx/event-sourcing';
import { RuleViolation, StateConflict } from '@blocx/platform';
import {
  BRAND_NAME_MAX,
  CampaignStatus,
  CampaignUseCase,
  DESCRIPTION_MAX,
  isCampaignUseCase,
} from './campaign-use-case';
import { CampaignRegistered } from './campaign.events';

export interface CampaignRegistration {
  brandName: string;
  useCase: string;
  description: string;
}

/** What a number needs to know of a campaign before it carries it. */
export interface CampaignStanding {
  id: string;
  accountId: string;
  status: CampaignStatus;
}

/** A 10DLC campaign (stream `campaign-<uuid>`). */
export class Campaign extends EventSourcedAggregate {
  id = '';
  accountId = '';
  brandName = '';
  useCase: CampaignUseCase = 'MIXED';
  description = '';
  status: CampaignStatus | undefined;

  static stream(campaignId: string): string {
    return streamName('campaign', campaignId);
  }

  register(
    campaignId: string,
    accountId: string,
    registration: CampaignRegistration,
    at: Date,
  ): void {
    if (!this.isNew) throw new StateConflict('campaign_already_exists', `${campaignId} exists`);
    const { brandName, useCase, description } = registration;
    checkLength(brandName, BRAND_NAME_MAX, '/brand_name');
    checkLength(description, DESCRIPTION_MAX, '/description');
    if (!isCampaignUseCase(useCase)) {
      throw new RuleViolation('invalid_field', `${useCase} is not a known use case`, '/use_case');
    }
    this.apply(
      new CampaignRegistered({
        campaignId,
        accountId,
        brandName,
        useCase,
        description,
        status: 'active',
        registeredAt: at.toISOString(),
      }),
    );
  }

  /** The campaign as a number sees it; undefined when it was never registered. */
  standing(): CampaignStanding | undefined {
    if (this.status === undefined) return undefined;
    return { id: this.id, accountId: this.accountId, status: this.status };
  }

  onCampaignRegistered({ data }: CampaignRegistered): void {
    this.id = data.campaignId;
    this.accountId = data.accountId;
    this.brandName = data.brandName;
    this.useCase = data.useCase;
    this.description = data.description;
    this.status = data.status;
  }
}

function checkLength(value: string, max: number, pointer: string): void {
  if (value.trim().length === 0 || value.length > max) {
    throw new RuleViolation('invalid_field', `Must be 1 to ${max} characters`, pointer);
  }
}
