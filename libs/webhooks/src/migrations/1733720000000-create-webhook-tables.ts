import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhookTables1733720000000 implements MigrationInterface {
  name = 'CreateWebhookTables1733720000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE webhook_secrets (
        messaging_profile_id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        current_secret text NOT NULL,
        previous_secret text,
        previous_valid_until timestamptz,
        created_at timestamptz NOT NULL,
        rotated_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        messaging_profile_id uuid NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL,
        attempt_count integer NOT NULL DEFAULT 0,
        failed_rounds integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
      WHERE status = 'pending'`);
    await runner.query(`
      CREATE INDEX webhook_deliveries_by_account
      ON webhook_deliveries (account_id, messaging_profile_id, created_at DESC)`);
    await runner.query(`
      CREATE TABLE webhook_attempts (
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        url text NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (delivery_id, ordinal)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE webhook_attempts');
    await runner.query('DROP TABLE webhook_deliveries');
    await runner.query('DROP TABLE webhook_secrets');
  }
}
