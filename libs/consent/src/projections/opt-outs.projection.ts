import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  eventTypes,
  Projection,
  ReadModelWrites,
  TableNames,
} from '@blocx/event-sourcing';
import { RecipientOptedIn, RecipientOptedOut } from '../domain/consent.events';

export const OPT_OUTS_TABLE = 'opt_outs';
/** Inbound keyword handling waits for it (read-your-writes); never rename it once deployed. */
export const OPT_OUTS_PROJECTION = 'consent.opt_outs';

type Table = typeof OPT_OUTS_TABLE;

/** One row per account and pair opted out now: an opt-out adds it, an opt-in removes it. */
@Injectable()
export class OptOutsProjection extends Projection<Table> {
  readonly name = OPT_OUTS_PROJECTION;
  readonly tables = [OPT_OUTS_TABLE] as const;
  override readonly filter = { eventTypes: eventTypes(RecipientOptedOut, RecipientOptedIn) };

  apply(envelopes: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<Table>) {
    const table = tables[OPT_OUTS_TABLE];
    for (const { event } of envelopes) {
      if (event instanceof RecipientOptedOut) {
        const d = event.data;
        writes.add(
          `INSERT INTO ${table} (number, recipient, account_id, messaging_profile_id, keyword, opted_out_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (account_id, number, recipient) DO UPDATE SET
             messaging_profile_id = $4, keyword = $5, opted_out_at = $6`,
          [d.number, d.recipient, d.accountId, d.profileId, d.keyword, d.optedOutAt],
        );
      } else if (event instanceof RecipientOptedIn) {
        const d = event.data;
        writes.add(
          `DELETE FROM ${table} WHERE account_id = $1 AND number = $2 AND recipient = $3`,
          [d.accountId, d.number, d.recipient],
        );
      }
    }
  }
}
