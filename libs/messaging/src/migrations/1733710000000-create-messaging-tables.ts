import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The messages and report read models (times from the events, so no now() defaults) and the
 * Idempotency-Key table of sends.
 */
export class CreateMessagingTables1733710000000 implements MigrationInterface {
  name = 'CreateMessagingTables1733710000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        messaging_profile_id uuid,
        direction text NOT NULL,
        "from" text NOT NULL,
        "to" text NOT NULL,
        text text NOT NULL,
        status text NOT NULL,
        encoding text NOT NULL,
        parts int NOT NULL,
        errors jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX messages_by_account ON messages (account_id, created_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE INDEX messages_by_profile ON messages (messaging_profile_id, created_at DESC, id DESC)`);
    await runner.query(`
      CREATE TABLE message_report_counts (
        messaging_profile_id uuid NOT NULL,
        minute timestamptz NOT NULL,
        account_id uuid NOT NULL,
        queued int NOT NULL DEFAULT 0,
        sent int NOT NULL DEFAULT 0,
        delivered int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        blocked int NOT NULL DEFAULT 0,
        received int NOT NULL DEFAULT 0,
        opt_outs int NOT NULL DEFAULT 0,
        opt_ins int NOT NULL DEFAULT 0,
        PRIMARY KEY (messaging_profile_id, minute)
      )`);
    await runner.query(`
      CREATE TABLE message_idempotency_keys (
        account_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        message_id uuid NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, key)
      )`);
    await runner.query(
      `CREATE INDEX message_idempotency_keys_by_age ON message_idempotency_keys (created_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE message_idempotency_keys');
    await runner.query('DROP TABLE message_report_counts');
    await runner.query('DROP TABLE messages');
  }
}
