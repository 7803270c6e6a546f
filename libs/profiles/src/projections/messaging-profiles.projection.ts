import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { EventEnvelope, Projection, TableNames } from '@blocx/event-sourcing';
import { PROFILE_STREAM_CATEGORY } from '../domain/messaging-profile.aggregate';
import {
  MessagingProfileCreated,
  MessagingProfileDeleted,
  MessagingProfileUpdated,
  NumberAttachedToProfile,
  NumberDetachedFromProfile,
} from '../domain/messaging-profile.events';
import { FIELD_NAMES, ProfileSettings } from '../domain/profile-settings';
import {
  MESSAGING_PROFILES_PROJECTION,
  MESSAGING_PROFILES_TABLE,
} from './messaging-profiles.table';

type Tables = typeof MESSAGING_PROFILES_TABLE;

/** Settings that live in jsonb columns (arrays and keyword handling). */
const JSON_FIELDS: ReadonlySet<keyof ProfileSettings> = new Set([
  'webhookEvents',
  'allowedCountries',
  'optOut',
  'optIn',
  'help',
]);

function columnValue(field: keyof ProfileSettings, value: unknown): unknown {
  return JSON_FIELDS.has(field) ? JSON.stringify(value) : value;
}

/** One row per live profile, with its settings and how many numbers it holds. */
@Injectable()
export class MessagingProfilesProjection extends Projection<Tables> {
  readonly name = MESSAGING_PROFILES_PROJECTION;
  readonly tables = [MESSAGING_PROFILES_TABLE] as const;
  override readonly filter = { streamPrefixes: [`${PROFILE_STREAM_CATEGORY}-`] };

  async apply(events: EventEnvelope[], tx: PoolClient, tables: TableNames<Tables>): Promise<void> {
    const table = tables[MESSAGING_PROFILES_TABLE];
    for (const { event } of events) {
      if (event instanceof MessagingProfileCreated) await this.created(tx, table, event);
      else if (event instanceof MessagingProfileUpdated) await this.updated(tx, table, event);
      else if (event instanceof NumberAttachedToProfile) {
        await this.count(tx, table, event.data.profileId, +1);
      } else if (event instanceof NumberDetachedFromProfile) {
        await this.count(tx, table, event.data.profileId, -1);
      } else if (event instanceof MessagingProfileDeleted) {
        await tx.query(`DELETE FROM ${table} WHERE id = $1`, [event.data.profileId]);
      }
    }
  }

  private async created(tx: PoolClient, table: string, event: MessagingProfileCreated) {
    const { profileId, accountId, settings, createdAt } = event.data;
    const fields = Object.keys(FIELD_NAMES) as (keyof ProfileSettings)[];
    const columns = fields.map((field) => FIELD_NAMES[field]);
    const values = fields.map((field) => columnValue(field, settings[field]));
    const placeholders = values.map((_, index) => `$${index + 4}`);
    await tx.query(
      `INSERT INTO ${table} (id, account_id, created_at, updated_at, number_count, ${columns.join(', ')})
       VALUES ($1, $2, $3, $3, 0, ${placeholders.join(', ')})`,
      [profileId, accountId, createdAt, ...values],
    );
  }

  private async updated(tx: PoolClient, table: string, event: MessagingProfileUpdated) {
    const { profileId, changes, updatedAt } = event.data;
    // Only known fields become column names: event data never reaches SQL as an identifier.
    const fields = (Object.keys(changes) as (keyof ProfileSettings)[]).filter(
      (field) => field in FIELD_NAMES,
    );
    const sets = fields.map((field, index) => `${FIELD_NAMES[field]} = $${index + 3}`);
    await tx.query(`UPDATE ${table} SET ${['updated_at = $2', ...sets].join(', ')} WHERE id = $1`, [
      profileId,
      updatedAt,
      ...fields.map((field) => columnValue(field, changes[field])),
    ]);
  }

  private async count(tx: PoolClient, table: string, profileId: string, delta: number) {
    await tx.query(`UPDATE ${table} SET number_count = number_count + $2 WHERE id = $1`, [
      profileId,
      delta,
    ]);
  }
}
