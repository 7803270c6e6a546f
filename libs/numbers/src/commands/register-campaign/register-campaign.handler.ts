import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  InjectAggregateRepository,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { Campaign } from '../../domain/campaign.aggregate';
import { CAMPAIGNS_PROJECTION } from '../../projections/campaigns.projection';
import { GetCampaign } from '../../queries/get-campaign/get-campaign.query';
import { CampaignView } from '../../queries/views';
import { RegisterCampaign } from './register-campaign.command';

@CommandHandler(RegisterCampaign)
export class RegisterCampaignHandler implements ICommandHandler<RegisterCampaign> {
  constructor(
    @InjectAggregateRepository(Campaign) private readonly campaigns: AggregateRepository<Campaign>,
    private readonly waiter: ReadModelWaiter,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute({ accountId, ...registration }: RegisterCampaign): Promise<CampaignView> {
    const campaignId = randomUUID();
    const { position } = await this.campaigns.execute(
      Campaign.stream(campaignId),
      (campaign) => campaign.register(campaignId, accountId, registration, this.clock.now()),
      { account_id: accountId },
    );
    await this.waiter.waitFor(position, [CAMPAIGNS_PROJECTION]);
    return this.queries.execute(new GetCampaign({ accountId, campaignId }));
  }
}
