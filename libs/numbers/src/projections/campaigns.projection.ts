import { Injectable } from '@nestjs/common';
import { EventEnvelope, Projection, ReadModelWrites, TableNames } from '@blocx/event-sourcing';
import { CampaignRegistered } from '../domain/campaign.events';

export const CAMPAIGNS_TABLE = 'campaigns';
/** Write endpoints wait for it (read-your-writes); never rename it once deployed. */
export const CAMPAIGNS_PROJECTION = 'numbers.campaigns';

type Table = typeof CAMPAIGNS_TABLE;

@Injectable()
export class CampaignsProjection extends Projection<Table> {
  readonly name = CAMPAIGNS_PROJECTION;
  readonly tables = [CAMPAIGNS_TABLE] as const;
  override readonly filter = { streamPrefixes: ['campaign-'] };

  apply(envelopes: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<Table>): void {
    for (const { event } of envelopes) {
      if (!(event instanceof CampaignRegistered)) continue;
      const d = event.data;
      writes.add(
        `INSERT INTO ${tables[CAMPAIGNS_TABLE]} (id, account_id, brand_name, use_case, description,
           status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (id) DO NOTHING`,
        [
          d.campaignId,
          d.accountId,
          d.brandName,
          d.useCase,
          d.description,
          d.status,
          d.registeredAt,
        ],
      );
    }
  }
}
