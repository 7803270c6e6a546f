import { Injectable } from '@nestjs/common';
import { EventEnvelope, Projection, ReadModelWrites, TableNames } from '@blocx/event-sourcing';
import {
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberAssignedToProfile,
  NumberProvisioned,
  NumberReleased,
  NumberUnassignedFromProfile,
} from '../domain/phone-number.events';

export const PHONE_NUMBERS_TABLE = 'phone_numbers';
/** Write endpoints wait for it (read-your-writes); never rename it once deployed. */
export const PHONE_NUMBERS_PROJECTION = 'numbers.phone_numbers';

type Table = typeof PHONE_NUMBERS_TABLE;

/** One row per number now in an account; `messaging_profile_id` is the profile the saga confirmed. */
@Injectable()
export class PhoneNumbersProjection extends Projection<Table> {
  readonly name = PHONE_NUMBERS_PROJECTION;
  readonly tables = [PHONE_NUMBERS_TABLE] as const;
  override readonly filter = { streamPrefixes: ['phoneNumber-'] };

  apply(envelopes: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<Table>): void {
    const table = tables[PHONE_NUMBERS_TABLE];
    for (const { event } of envelopes) {
      if (event instanceof NumberProvisioned) {
        const d = event.data;
        writes.add(
          `INSERT INTO ${table} (phone_number, account_id, type, country, messaging_profile_id,
             campaign_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, NULL, NULL, $5, $5)
           ON CONFLICT (phone_number) DO UPDATE SET account_id = $2, type = $3, country = $4,
             messaging_profile_id = NULL, campaign_id = NULL, created_at = $5, updated_at = $5`,
          [d.phoneNumber, d.accountId, d.type, d.country, d.provisionedAt],
        );
      } else if (event instanceof NumberAssignedToProfile) {
        setColumn(
          writes,
          table,
          event.data,
          'messaging_profile_id',
          event.data.profileId,
          event.data.assignedAt,
        );
      } else if (event instanceof NumberUnassignedFromProfile) {
        setColumn(writes, table, event.data, 'messaging_profile_id', null, event.data.unassignedAt);
      } else if (event instanceof CampaignAttachedToNumber) {
        setColumn(
          writes,
          table,
          event.data,
          'campaign_id',
          event.data.campaignId,
          event.data.attachedAt,
        );
      } else if (event instanceof CampaignDetachedFromNumber) {
        setColumn(writes, table, event.data, 'campaign_id', null, event.data.detachedAt);
      } else if (event instanceof NumberReleased) {
        writes.add(`DELETE FROM ${table} WHERE phone_number = $1 AND account_id = $2`, [
          event.data.phoneNumber,
          event.data.accountId,
        ]);
      }
    }
  }
}

/** A released number's late settlement matches no row (it left the account): nothing to change. */
function setColumn(
  writes: ReadModelWrites,
  table: string,
  key: { phoneNumber: string; accountId: string },
  column: 'messaging_profile_id' | 'campaign_id',
  value: string | null,
  at: string,
): void {
  writes.add(
    `UPDATE ${table} SET ${column} = $3, updated_at = $4 WHERE phone_number = $1 AND account_id = $2`,
    [key.phoneNumber, key.accountId, value, at],
  );
}
