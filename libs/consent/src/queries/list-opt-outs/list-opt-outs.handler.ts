import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { OPT_OUTS_TABLE } from '../../projections/opt-outs.projection';
import { ListOptOuts, OptOutPage } from './list-opt-outs.query';

interface OptOutRow {
  number: string;
  recipient: string;
  messaging_profile_id: string | null;
  keyword: string;
  opted_out_at: Date;
}

@QueryHandler(ListOptOuts)
export class ListOptOutsHandler implements IQueryHandler<ListOptOuts> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: ListOptOuts): Promise<OptOutPage> {
    const where = `account_id = $1 AND ($2::uuid IS NULL OR messaging_profile_id = $2)
                   AND ($3::text IS NULL OR number = $3)`;
    const params = [query.accountId, query.messagingProfileId ?? null, query.from ?? null];
    const [rows, total] = await Promise.all([
      this.pool.query<OptOutRow>(
        `SELECT number, recipient, messaging_profile_id, keyword, opted_out_at FROM ${OPT_OUTS_TABLE}
         WHERE ${where} ORDER BY opted_out_at DESC, number DESC, recipient DESC LIMIT $4 OFFSET $5`,
        [...params, query.limit, query.offset],
      ),
      this.pool.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM ${OPT_OUTS_TABLE} WHERE ${where}`,
        params,
      ),
    ]);
    return {
      items: rows.rows.map((row) => ({
        from: row.number,
        to: row.recipient,
        messagingProfileId: row.messaging_profile_id,
        keyword: row.keyword,
        optedOutAt: row.opted_out_at.toISOString(),
      })),
      total: total.rows[0].total,
    };
  }
}
