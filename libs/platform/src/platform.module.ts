import { DynamicModule, Global, Module } from '@nestjs/common';
import { Settings } from './config/settings';
import { SettingsModule } from './config/settings.module';
import { DatabaseModule, MigrationList } from './database/database.module';
import { HealthModule } from './observability/health';
import { loggingModule } from './observability/logging';
import { MetricsModule } from './observability/metrics';
import { Clock, SystemClock } from './clock';

export interface PlatformOptions {
  settings: Settings;
  migrations: MigrationList;
}

/** Settings, database, logs, metrics, health and the clock: what every context stands on. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ settings, migrations }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        SettingsModule.forRoot(settings),
        loggingModule(settings),
        DatabaseModule.forRoot({ migrations }),
        MetricsModule,
        HealthModule,
      ],
      providers: [{ provide: Clock, useClass: SystemClock }],
      exports: [Clock],
    };
  }
}
