import { MigrationInterface, QueryRunner } from 'typeorm';

/** The profiles read model. No serial columns and no now() defaults: a rebuild copies it exactly. */
export class CreateMessagingProfiles1733600000000 implements MigrationInterface {
  name = 'CreateMessagingProfiles1733600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE messaging_profiles (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        name text NOT NULL,
        webhook_url text,
        webhook_failover_url text,
        webhook_events jsonb NOT NULL,
        allowed_countries jsonb NOT NULL,
        opt_out jsonb NOT NULL,
        opt_in jsonb NOT NULL,
        help jsonb NOT NULL,
        number_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE INDEX messaging_profiles_by_account
        ON messaging_profiles (account_id, created_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE messaging_profiles');
  }
}
