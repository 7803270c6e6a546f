import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { CAMPAIGNS_TABLE } from '../../projections/campaigns.projection';
import { CAMPAIGN_COLUMNS, CampaignRow, campaignView } from '../../projections/read-model-rows';
import { CampaignView, ViewPage } from '../views';
import { ListCampaigns } from './list-campaigns.query';

@QueryHandler(ListCampaigns)
export class ListCampaignsHandler implements IQueryHandler<ListCampaigns> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ accountId, offset, limit }: ListCampaigns): Promise<ViewPage<CampaignView>> {
    const [rows, count] = await Promise.all([
      this.pool.query<CampaignRow>(
        `SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGNS_TABLE} WHERE account_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [accountId, limit, offset],
      ),
      this.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM ${CAMPAIGNS_TABLE} WHERE account_id = $1`,
        [accountId],
      ),
    ]);
    return { items: rows.rows.map(campaignView), total: Number(count.rows[0].total) };
  }
}
