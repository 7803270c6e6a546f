import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { BatchedLookup, PG_POOL } from '@blocx/platform';
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

type Wanted = Pick<GetMessagingProfile, 'accountId' | 'profileId'>;

/**
 * Every send and every dispatch reads its profile: the lookups of one turn of the event loop
 * share one query (each answer still its own view, and only the asking account's profile).
 */
@QueryHandler(GetMessagingProfile)
export class GetMessagingProfileHandler implements IQueryHandler<GetMessagingProfile> {
  private readonly rows: BatchedLookup<Wanted, MessagingProfileRow | undefined>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    this.rows = new BatchedLookup((wanted) => this.find(wanted));
  }

  async execute({ accountId, profileId }: GetMessagingProfile): Promise<MessagingProfileView> {
    if (!isProfileId(profileId)) throw new MessagingProfileNotFound(profileId);
    const row = await this.rows.ask({ accountId, profileId });
    if (row === undefined) throw new MessagingProfileNotFound(profileId);
    return toView(row);
  }

  private async find(wanted: Wanted[]): Promise<Array<MessagingProfileRow | undefined>> {
    const ids = [...new Set(wanted.map((w) => w.profileId.toLowerCase()))];
    const { rows } = await this.pool.query<MessagingProfileRow>(
      `SELECT ${PROFILE_COLUMNS} FROM ${MESSAGING_PROFILES_TABLE} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return wanted.map(({ accountId, profileId }) => {
      const row = byId.get(profileId.toLowerCase());
      return row?.account_id === accountId.toLowerCase() ? row : undefined;
    });
  }
}
