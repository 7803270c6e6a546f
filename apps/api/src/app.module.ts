import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AccountsModule, accountsMigrations } from '@blocx/accounts';
import { EventSourcingModule, eventSourcingMigrations } from '@blocx/event-sourcing';
import { NumbersModule, numbersMigrations } from '@blocx/numbers';
import { ProfilesModule, profilesMigrations } from '@blocx/profiles';
import {
  ApiKeyGuard,
  ErrorEnvelopeFilter,
  PlatformModule,
  RequestValidationPipe,
  Settings,
} from '@blocx/platform';

/** The composition root: the platform, then every context. */
@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          settings,
          migrations: [
            ...accountsMigrations,
            ...eventSourcingMigrations,
            ...profilesMigrations,
            ...numbersMigrations,
          ],
        }),
        EventSourcingModule.forRoot(),
        AccountsModule,
        ProfilesModule,
        NumbersModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
      ],
    };
  }
}
