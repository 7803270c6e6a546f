import { CreateWebhookTables1733720000000 } from './migrations/1733720000000-create-webhook-tables';

export { WebhooksModule } from './webhooks.module';
export { WebhookTargets, WebhookTarget } from './webhook-targets.port';
export { DeliveryJob } from './deliveries/delivery-store';
export { EnqueueWebhookDeliveries } from './commands/enqueue-webhook-deliveries/enqueue-webhook-deliveries.command';
export const webhooksMigrations = [CreateWebhookTables1733720000000];
