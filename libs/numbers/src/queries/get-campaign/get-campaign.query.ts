import { Query } from '@nestjs/cqrs';
import { CampaignView } from '../views';

/** One campaign of the account, from the read model; CampaignNotFound (404) otherwise. */
export class GetCampaign extends Query<CampaignView> {
  readonly accountId: string;
  readonly campaignId: string;

  constructor(input: { accountId: string; campaignId: string }) {
    super();
    Object.assign(this, input);
  }
}
