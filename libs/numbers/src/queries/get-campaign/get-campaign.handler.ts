import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { CampaignNotFound, isUuid } from '../../domain/campaign.errors';
import { CAMPAIGNS_TABLE } from '../../projections/campaigns.projection';
import { CAMPAIGN_COLUMNS, CampaignRow, campaignView } from '../../projections/read-model-rows';
import { CampaignView } from '../views';
import { GetCampaign } from './get-campaign.query';

@QueryHandler(GetCampaign)
export class GetCampaignHandler implements IQueryHandler<GetCampaign> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ accountId, campaignId }: GetCampaign): Promise<CampaignView> {
    if (!isUuid(campaignId)) throw new CampaignNotFound(campaignId);
    const { rows } = await this.pool.query<CampaignRow>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGNS_TABLE} WHERE id = $1 AND account_id = $2`,
      [campaignId, accountId],
    );
    if (rows.length === 0) throw new CampaignNotFound(campaignId);
    return campaignView(rows[0]);
  }
}
