import { CreateWebhookTables1733600000000 } from './migrations/1733600000000-create-webhook-tables';

export { WebhooksModule } from './webhooks.module';
export { WebhookTargets, WebhookTarget } from './webhook-targets.port';
export { DeliveryJob } from './deliveries/delivery-store';
export const webhooksMigrations = [CreateWebhookTables1733600000000];
