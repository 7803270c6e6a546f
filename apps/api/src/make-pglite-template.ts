import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_TEMPLATE } from '@blocx/platform';

/**
 * Part of `npm run build`: an empty PGlite data directory, made once per installed PGlite, that
 * a first start copies instead of running initdb under WASM (seconds), so a fresh DATA_DIR is
 * healthy about as fast as a restart.
 */
async function main(): Promise<void> {
  const installed = join(__dirname, '../../../../node_modules/@electric-sql/pglite/package.json');
  const made = join(PGLITE_TEMPLATE, 'PG_VERSION');
  if (existsSync(made) && statSync(made).mtimeMs > statSync(installed).mtimeMs) return;
  const building = `${PGLITE_TEMPLATE}.building`;
  rmSync(building, { recursive: true, force: true });
  const db = await PGlite.create(building);
  await db.close();
  rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
  renameSync(building, PGLITE_TEMPLATE);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not make the PGlite template: ${String(error)}\n`);
  process.exit(1);
});
