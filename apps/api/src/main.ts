import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InvalidSettingError, loadSettings, Settings } from '@blocx/platform';
import { createHttpServer } from './http-server';

function settingsOrExit(): Settings {
  try {
    return loadSettings();
  } catch (error) {
    if (error instanceof InvalidSettingError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const SHUTDOWN_GRACE_MS = 15_000;

/** Stop taking requests, let in-flight ones finish, stop workers, close pools; then exit 0. */
async function shutDown(app: NestFastifyApplication): Promise<void> {
  setTimeout(() => {
    process.stderr.write('Blocx: shutdown took too long; exiting\n');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  await app.close();
  process.exit(0);
}

async function main(): Promise<void> {
  const settings = settingsOrExit();
  const app = await createHttpServer(settings);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDown(app));
  }
  await app.listen(settings.port, settings.host);
  const where = settings.databaseUrl
    ? 'PostgreSQL at DATABASE_URL'
    : `embedded PostgreSQL in ${settings.dataDir}`;
  process.stdout.write(`Blocx listening on http://localhost:${settings.port} (${where})\n`);
  if (settings.adminApiKeyGenerated) {
    process.stdout.write(
      `Operator key (shown once; kept in ${settings.dataDir}/operator.key): ${settings.adminApiKey}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Blocx failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
