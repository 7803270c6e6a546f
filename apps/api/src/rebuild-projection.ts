import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ProjectionRebuilder, SubscriptionHost } from '@blocx/event-sourcing';
import { loadSettings } from '@blocx/platform';
import { AppModule } from './app.module';

/**
 * `npm run projections:rebuild -- NAME`: rebuilds one read model from the event log, beside a
 * running service if there is one (its reads keep using the live tables until the swap).
 */
async function main(): Promise<number> {
  const name = process.argv[2];
  // This process only rebuilds; the service's runners keep the read models live.
  const settings = { ...loadSettings(), subscriptions: 'none' as const };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(settings), {
    logger: ['error', 'warn'],
  });
  try {
    const known = app.get(SubscriptionHost).projectionNames().sort();
    if (!name || !known.includes(name)) {
      process.stderr.write(
        `Usage: npm run projections:rebuild -- NAME\nRead-model projections: ${known.join(', ')}\n`,
      );
      return 2;
    }
    const report = await app.get(ProjectionRebuilder).rebuild(name);
    const rate = report.seconds > 0 ? Math.round(report.events / report.seconds) : report.events;
    process.stdout.write(
      `Rebuilt ${name}: ${report.events} events in ${report.seconds.toFixed(2)} s (${rate} events/s)\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `Rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
