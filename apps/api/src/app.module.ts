import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AccountsModule, accountsMigrations } from '@blocx/accounts';
import { ConsentModule, consentMigrations } from '@blocx/consent';
import { EventSourcingModule, eventSourcingMigrations } from '@blocx/event-sourcing';
import { MessagingModule, messagingMigrations } from '@blocx/messaging';
import { NumbersModule, numbersMigrations } from '@blocx/numbers';
import { ProfilesModule, profilesMigrations } from '@blocx/profiles';
import { WebhooksModule, webhooksMigrations } from '@blocx/webhooks';
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
            ...consentMigrations,
            ...messagingMigrations,
            ...webhooksMigrations,
          ],
        }),
        EventSourcingModule.forRoot(),
        AccountsModule,
        ProfilesModule,
        NumbersModule,
        ConsentModule,
        MessagingModule,
        ScheduleModule.forRoot(),
        WebhooksModule.forRoot(),
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorEnvelopeFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
      ],
    };
  }
}
