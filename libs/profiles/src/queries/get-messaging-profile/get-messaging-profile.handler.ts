import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { MessagingProfileNotFound } from '../../domain/messaging-profile.errors';
import { isProfileId } from '../../domain/profile-id';
import {
  MESSAGING_PROFILES_TABLE,
  MessagingProfileRow,
  PROFILE_COLUMNS,
  toView,
} from '../../projections/messaging-profiles.table';
import { MessagingProfileView } from '../messaging-profile.view';
import { GetMessagingProfile } from './get-messaging-profile.query';

@QueryHandler(GetMessagingProfile)
export class GetMessagingProfileHandler implements IQueryHandler<GetMessagingProfile> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ accountId, profileId }: GetMessagingProfile): Promise<MessagingProfileView> {
    if (!isProfileId(profileId)) throw new MessagingProfileNotFound(profileId);
    const { rows } = await this.pool.query<MessagingProfileRow>(
      `SELECT ${PROFILE_COLUMNS} FROM ${MESSAGING_PROFILES_TABLE} WHERE id = $1 AND account_id = $2`,
      [profileId, accountId],
    );
    if (rows.length === 0) throw new MessagingProfileNotFound(profileId);
    return toView(rows[0]);
  }
}
