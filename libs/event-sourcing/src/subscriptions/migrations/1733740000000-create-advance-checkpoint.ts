import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conditional move of a checkpoint as a statement that fails when the checkpoint is no
 * longer where the batch started (a rebuild moved it), with SQLSTATE BX409: the first statement
 * of a projection's batch, so that one failure undoes the whole batch, read model and checkpoint
 * together. The transaction commits asynchronously (see ASYNCHRONOUS_COMMIT in checkpoints.ts).
 */
export class CreateAdvanceCheckpoint1733740000000 implements MigrationInterface {
  name = 'CreateAdvanceCheckpoint1733740000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION advance_checkpoint(
        checkpoint text, from_commit text, from_prepare text, to_commit text, to_prepare text
      ) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('synchronous_commit', 'off', true);
        UPDATE subscription_checkpoints
          SET commit_position = to_commit, prepare_position = to_prepare, updated_at = now()
          WHERE name = checkpoint AND commit_position = from_commit
            AND prepare_position = from_prepare;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'The checkpoint of % moved', checkpoint USING ERRCODE = 'BX409';
        END IF;
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION advance_checkpoint(text, text, text, text, text)');
  }
}
