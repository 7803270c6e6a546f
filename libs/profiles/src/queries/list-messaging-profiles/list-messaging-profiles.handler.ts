import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import {
  MESSAGING_PROFILES_TABLE,
  MessagingProfileRow,
  PROFILE_COLUMNS,
  toView,
} from '../../projections/messaging-profiles.table';
import { ListMessagingProfiles, ProfilePage } from './list-messaging-profiles.query';

@QueryHandler(ListMessagingProfiles)
export class ListMessagingProfilesHandler implements IQueryHandler<ListMessagingProfiles> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ accountId, offset, limit }: ListMessagingProfiles): Promise<ProfilePage> {
    const [rows, count] = await Promise.all([
      this.pool.query<MessagingProfileRow>(
        `SELECT ${PROFILE_COLUMNS} FROM ${MESSAGING_PROFILES_TABLE} WHERE account_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [accountId, limit, offset],
      ),
      this.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM ${MESSAGING_PROFILES_TABLE} WHERE account_id = $1`,
        [accountId],
      ),
    ]);
    return { profiles: rows.rows.map(toView), total: Number(count.rows[0].total) };
  }
}
