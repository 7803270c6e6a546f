import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opt-outs are kept per account: a pair may be opted out with a released number's previous
 * owner and with its new one, each row visible to its own account only.
 */
export class KeyOptOutsByAccount1733730000000 implements MigrationInterface {
  name = 'KeyOptOutsByAccount1733730000000';

  async up(runner: QueryRunner): Promise<void> {
    await rekey(runner, 'account_id, number, recipient');
  }

  async down(runner: QueryRunner): Promise<void> {
    await rekey(runner, 'number, recipient');
  }
}

/** Replaces the primary key, whatever its name (a projection rebuild's swap renames tables, not keys). */
async function rekey(runner: QueryRunner, columns: string): Promise<void> {
  await runner.query(`
    DO $$
    DECLARE key_name text;
    BEGIN
      SELECT conname INTO key_name FROM pg_constraint
        WHERE conrelid = 'opt_outs'::regclass AND contype = 'p';
      EXECUTE format('ALTER TABLE opt_outs DROP CONSTRAINT %I', key_name);
    END $$`);
  await runner.query(`ALTER TABLE opt_outs ADD PRIMARY KEY (${columns})`);
}
