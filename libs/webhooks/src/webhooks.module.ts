import { DynamicModule, Module, Type } from '@nestjs/common';
import { WebhookTargets } from './webhook-targets.port';
import { EnqueueWebhookDeliveriesHandler } from './commands/enqueue-webhook-deliveries/enqueue-webhook-deliveries.handler';
import { DeliveryStore } from './deliveries/delivery-store';
import { DeliveryWorker } from './deliveries/delivery-worker';
import { WebhookPoster } from './deliveries/webhook-poster';
import { WebhookDeliveriesController } from './http/webhook-deliveries.controller';
import { WebhookSecretController } from './http/webhook-secret.controller';
import { ProfileWebhookTargets } from './profile-webhook-targets';
import { WebhookSecrets } from './secrets/webhook-secrets';

/**
 * Signed webhook delivery. The importing application provides `WebhookTargets` (where a profile's
 * webhooks go, read at each try).
 */
@Module({})
export class WebhooksModule {
  /** `targets` defaults to the profiles context's settings; tests may point elsewhere. */
  static forRoot(targets: Type<WebhookTargets> = ProfileWebhookTargets): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhookDeliveriesController, WebhookSecretController],
      providers: [
        DeliveryStore,
        DeliveryWorker,
        WebhookPoster,
        WebhookSecrets,
        EnqueueWebhookDeliveriesHandler,
        { provide: WebhookTargets, useClass: targets },
      ],
      exports: [DeliveryStore, DeliveryWorker, WebhookSecrets],
    };
  }
}
