import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per named subscription: how far it has processed the log, as text because a bigint
 * position does not fit a JSON number (commit and prepare, as in EventStoreDB). A projection
 * writes this row in the same transaction as its read model. `status` is what an operator sees
 * for a read-model projection: live, rebuilding (shadow tables filling) or catching_up; a
 * rebuild beats `rebuild_heartbeat_at` per batch, so a rebuild that died is not shown forever.
 */
export class CreateSubscriptionCheckpoints1733500000000 implements MigrationInterface {
  name = 'CreateSubscriptionCheckpoints1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subscription_checkpoints (
        name text PRIMARY KEY,
        commit_position text NOT NULL DEFAULT '0',
        prepare_position text NOT NULL DEFAULT '0',
        status text NOT NULL DEFAULT 'live'
          CHECK (status IN ('live', 'rebuilding', 'catching_up')),
        rebuild_heartbeat_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE subscription_checkpoints');
  }
}
