import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { SETTINGS } from '../config/settings.module';
import { Settings } from '../config/settings';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where PostgreSQL is: DATABASE_URL, or the embedded PGlite under DATA_DIR. */
export class DatabaseEndpoint implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseEndpoint.name);

  private constructor(
    readonly url: string,
    readonly embedded: EmbeddedPostgres | undefined,
  ) {}

  static async open(settings: Settings): Promise<DatabaseEndpoint> {
    if (settings.databaseUrl) return new DatabaseEndpoint(settings.databaseUrl, undefined);
    const embedded = await EmbeddedPostgres.start(settings.dataDir);
    return new DatabaseEndpoint(embedded.url, embedded);
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
