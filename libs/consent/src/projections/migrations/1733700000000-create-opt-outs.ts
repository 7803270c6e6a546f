import { MigrationInterface, QueryRunner } from 'typeorm';

/** The pairs now opted out. Times come from the events, so no now() defaults. */
export class CreateOptOuts1733700000000 implements MigrationInterface {
  name = 'CreateOptOuts1733700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE opt_outs (
        number text NOT NULL,
        recipient text NOT NULL,
        account_id uuid NOT NULL,
        messaging_profile_id uuid,
        keyword text NOT NULL,
        opted_out_at timestamptz NOT NULL,
        PRIMARY KEY (number, recipient)
      )`);
    await runner.query(`
      CREATE INDEX opt_outs_by_account ON opt_outs (account_id, opted_out_at DESC, number, recipient)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE opt_outs');
  }
}
