import { DynamicModule, Module } from '@nestjs/common';
import { WebhookOutbox } from '@blocx/messaging';
// The webhooks context does not export its delivery store from its index yet; the composition
// root is the one place allowed to reach for it, to bind it to messaging's port.
import { DeliveryStore } from '../../../libs/webhooks/src/deliveries/delivery-store';

/** Messaging's webhook outbox is the webhooks context's delivery store. */
@Module({})
export class WebhookOutboxBinding {
  /** `webhooks`: the very module object the application imports, so no second instance is made. */
  static forRoot(webhooks: DynamicModule): DynamicModule {
    return {
      module: WebhookOutboxBinding,
      global: true,
      imports: [webhooks],
      providers: [{ provide: WebhookOutbox, useExisting: DeliveryStore }],
      exports: [WebhookOutbox],
    };
  }
}
