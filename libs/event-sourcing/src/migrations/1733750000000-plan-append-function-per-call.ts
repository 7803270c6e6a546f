import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pools keep generic plans of named statements (`plan_cache_mode=force_generic_plan`, see
 * StatementNames), and a PL/pgSQL function's statements are cached plans too, kept for the
 * session. `append_to_stream` (the slow path: other expectations, retries, conflicts) looks up
 * `events` and `streams`, whose plans made while they were small would scan them: it plans its
 * statements for each call, as before.
 */
export class PlanAppendFunctionPerCall1733750000000 implements MigrationInterface {
  name = 'PlanAppendFunctionPerCall1733750000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER FUNCTION append_to_stream(text, text, jsonb, boolean) SET plan_cache_mode = force_custom_plan',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER FUNCTION append_to_stream(text, text, jsonb, boolean) RESET plan_cache_mode',
    );
  }
}
