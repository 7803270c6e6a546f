import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  Projection,
  ReadModelWrites,
  SqlValue,
  TableNames,
} from '@blocx/event-sourcing';
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

function columnValue(field: keyof ProfileSettings, value: unknown): SqlValue {
  return JSON_FIELDS.has(field) ? JSON.stringify(value) : (value as SqlValue);
}

/** One row per live profile, with its settings and how many numbers it holds. */
@Injectable()
export class MessagingProfilesProjection extends Projection<Tables> {
  readonly name = MESSAGING_PROFILES_PROJECTION;
  readonly tables = [MESSAGING_PROFILES_TABLE] as const;
  override readonly filter = { streamPrefixes: [`${PROFILE_STREAM_CATEGORY}-`] };

  apply(events: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<Tables>): void {
    const table = tables[MESSAGING_PROFILES_TABLE];
    for (const { event } of events) {
      if (event instanceof MessagingProfileCreated) this.created(writes, table, event);
      else if (event instanceof MessagingProfileUpdated) this.updated(writes, table, event);
      else if (event instanceof NumberAttachedToProfile) {
        this.count(writes, table, event.data.profileId, +1);
      } else if (event instanceof NumberDetachedFromProfile) {
        this.count(writes, table, event.data.profileId, -1);
      } else if (event instanceof MessagingProfileDeleted) {
        writes.add(`DELETE FROM ${table} WHERE id = $1`, [event.data.profileId]);
      }
    }
  }

  private created(writes: ReadModelWrites, table: string, event: MessagingProfileCreated) {
    const { profileId, accountId, settings, createdAt } = event.data;
    const fields = Object.keys(FIELD_NAMES) as (keyof ProfileSettings)[];
    const columns = fields.map((field) => FIELD_NAMES[field]);
    const values = fields.map((field) => columnValue(field, settings[field]));
    const placeholders = values.map((_, index) => `$${index + 4}`);
    writes.add(
      `INSERT INTO ${table} (id, account_id, created_at, updated_at, number_count, ${columns.join(', ')})
       VALUES ($1, $2, $3, $3, 0, ${placeholders.join(', ')})`,
      [profileId, accountId, createdAt, ...values],
    );
  }

  private updated(writes: ReadModelWrites, table: string, event: MessagingProfileUpdated) {
    const { profileId, changes, updatedAt } = event.data;
    // Only known fields become column names: event data never reaches SQL as an identifier.
    const fields = (Object.keys(changes) as (keyof ProfileSettings)[]).filter(
      (field) => field in FIELD_NAMES,
    );
    const sets = fields.map((field, index) => `${FIELD_NAMES[field]} = $${index + 3}`);
    writes.add(`UPDATE ${table} SET ${['updated_at = $2', ...sets].join(', ')} WHERE id = $1`, [
      profileId,
      updatedAt,
      ...fields.map((field) => columnValue(field, changes[field])),
    ]);
  }

  private count(writes: ReadModelWrites, table: string, profileId: string, delta: number) {
    writes.add(`UPDATE ${table} SET number_count = number_count + $2 WHERE id = $1`, [
      profileId,
      delta,
    ]);
  }
}
