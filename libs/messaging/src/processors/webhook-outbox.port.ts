import { DeliveryJob } from '@blocx/webhooks';

/**
 * Where message events become webhook deliveries: the webhooks context's delivery store, bound
 * by the composition root. Enqueuing the same event id twice must enqueue it once.
 */
export abstract class WebhookOutbox {
  abstract enqueue(job: DeliveryJob, now: Date): Promise<unknown>;
}
