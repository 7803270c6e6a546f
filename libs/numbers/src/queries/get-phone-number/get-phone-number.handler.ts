import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { E164, PG_POOL } from '@blocx/platform';
import { NumberNotFound } from '../../domain/phone-number.errors';
import { PHONE_NUMBERS_TABLE } from '../../projections/phone-numbers.projection';
import {
  PHONE_NUMBER_COLUMNS,
  PhoneNumberRow,
  phoneNumberView,
} from '../../projections/read-model-rows';
import { PhoneNumberView } from '../views';
import { GetPhoneNumber } from './get-phone-number.query';

@QueryHandler(GetPhoneNumber)
export class GetPhoneNumberHandler implements IQueryHandler<GetPhoneNumber> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ accountId, phoneNumber }: GetPhoneNumber): Promise<PhoneNumberView> {
    const number = E164.parse(phoneNumber);
    if (number === undefined) throw new NumberNotFound(phoneNumber);
    const { rows } = await this.pool.query<PhoneNumberRow>(
      `SELECT ${PHONE_NUMBER_COLUMNS} FROM ${PHONE_NUMBERS_TABLE}
       WHERE phone_number = $1 AND account_id = $2`,
      [number.value, accountId],
    );
    if (rows.length === 0) throw new NumberNotFound(number.value);
    return phoneNumberView(rows[0]);
  }
}
