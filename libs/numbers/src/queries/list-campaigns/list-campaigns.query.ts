import { Query } from '@nestjs/cqrs';
import { CampaignView, ViewPage } from '../views';

/** The account's campaigns, newest first. */
export class ListCampaigns extends Query<ViewPage<CampaignView>> {
  readonly accountId: string;
  readonly offset: number;
  readonly limit: number;

  constructor(input: { accountId: string; offset: number; limit: number }) {
    super();
    Object.assign(this, input);
  }
}
