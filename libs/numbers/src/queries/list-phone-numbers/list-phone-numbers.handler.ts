import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { PG_POOL } from '@blocx/platform';
import { PHONE_NUMBERS_TABLE } from '../../projections/phone-numbers.projection';
import {
  PHONE_NUMBER_COLUMNS,
  PhoneNumberRow,
  phoneNumberView,
} from '../../projections/read-model-rows';
import { PhoneNumberView, ViewPage } from '../views';
import { ListPhoneNumbers } from './list-phone-numbers.query';

@QueryHandler(ListPhoneNumbers)
export class ListPhoneNumbersHandler implements IQueryHandler<ListPhoneNumbers> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(query: ListPhoneNumbers): Promise<ViewPage<PhoneNumberView>> {
    const params: unknown[] = [query.accountId];
    let where = 'account_id = $1';
    if (query.messagingProfileId !== undefined) {
      params.push(query.messagingProfileId);
      where += ` AND messaging_profile_id = $${params.length}`;
    }
    const [rows, count] = await Promise.all([
      this.pool.query<PhoneNumberRow>(
        `SELECT ${PHONE_NUMBER_COLUMNS} FROM ${PHONE_NUMBERS_TABLE} WHERE ${where}
         ORDER BY created_at DESC, phone_number DESC
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
      this.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM ${PHONE_NUMBERS_TABLE} WHERE ${where}`,
        params,
      ),
    ]);
    return { items: rows.rows.map(phoneNumberView), total: Number(count.rows[0].total) };
  }
}
