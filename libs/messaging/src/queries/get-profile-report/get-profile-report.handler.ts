import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { GetMessagingProfile } from '@blocx/profiles';
import { PG_POOL } from '@blocx/platform';
import {
  REPORT_COUNTS,
  REPORT_TABLE,
  ReportCount,
} from '../../projections/message-report.projection';
import { GetProfileReport, ProfileReportView } from './get-profile-report.query';

@QueryHandler(GetProfileReport)
export class GetProfileReportHandler implements IQueryHandler<GetProfileReport> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly queries: QueryBus,
  ) {}

  async execute({ accountId, profileId, from, to }: GetProfileReport): Promise<ProfileReportView> {
    await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    const sums = REPORT_COUNTS.map((count) => `COALESCE(sum(${count}), 0)::int AS ${count}`);
    const { rows } = await this.pool.query<Record<ReportCount, number>>(
      `SELECT ${sums.join(', ')} FROM ${REPORT_TABLE}
       WHERE messaging_profile_id = $1 AND account_id = $2
         AND minute >= date_trunc('minute', $3::timestamptz) AND minute <= $4`,
      [profileId, accountId, from, to],
    );
    return {
      messagingProfileId: profileId,
      from: from.toISOString(),
      to: to.toISOString(),
      counts: rows[0],
    };
  }
}
