import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { SETTINGS } from '../config/settings.module';
import { Settings } from '../config/settings';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where PostgreSQL is: DATABASE_URL, or the embedded PGlite under DATA_DIR. */
export class DatabaseEndpoint implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseEndpoint.name);

  private constructor(
    readonly url: string,
    readonly embedded: EmbeddedPostgres | undefined,
    /**
     * True when every connection shares one session (PGlite, ours or another process's behind
     * DATABASE_URL): no named statements, no per-connection settings.
     */
    readonly sharedSession: boolean,
  ) {}

  static async open(settings: Settings): Promise<DatabaseEndpoint> {
    if (settings.databaseUrl) {
      const url = settings.databaseUrl;
      return new DatabaseEndpoint(url, undefined, await DatabaseEndpoint.servesPglite(url));
    }
    const embedded = await EmbeddedPostgres.start(settings.dataDir);
    return new DatabaseEndpoint(embedded.url, embedded, true);
  }

  /** Asks the server what it is; when it does not answer, assumes the cautious answer (PGlite). */
  private static async servesPglite(url: string): Promise<boolean> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ version: string }>('SELECT version()');
      return rows[0].version.includes('PGlite');
    } catch {
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    await this.embedded.stop();
    this.logger.log('embedded PostgreSQL stopped');
  }
}

export const DATABASE_ENDPOINT_PROVIDER = {
  provide: DatabaseEndpoint,
  inject: [SETTINGS],
  useFactory: (settings: Settings) => DatabaseEndpoint.open(settings),
};
