import { MigrationInterface, QueryRunner } from 'typeorm';

/** The numbers and campaigns read models. Times come from the events, so no now() defaults. */
export class CreateNumbersReadModels1733650000000 implements MigrationInterface {
  name = 'CreateNumbersReadModels1733650000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE phone_numbers (
        phone_number text PRIMARY KEY,
        account_id uuid NOT NULL,
        type text NOT NULL,
        country text,
        messaging_profile_id uuid,
        campaign_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE INDEX phone_numbers_by_account
        ON phone_numbers (account_id, created_at DESC, phone_number DESC)`);
    await runner.query(`
      CREATE INDEX phone_numbers_by_profile
        ON phone_numbers (messaging_profile_id, created_at DESC, phone_number DESC)
        WHERE messaging_profile_id IS NOT NULL`);
    await runner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        brand_name text NOT NULL,
        use_case text NOT NULL,
        description text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE INDEX campaigns_by_account ON campaigns (account_id, created_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE campaigns');
    await runner.query('DROP TABLE phone_numbers');
  }
}
