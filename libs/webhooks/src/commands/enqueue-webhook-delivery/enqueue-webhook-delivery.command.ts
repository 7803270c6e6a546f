import { Command } from '@nestjs/cqrs';
import { DeliveryJob } from '../../deliveries/delivery-store';

/** Deliver one event to one profile's webhook URLs. Idempotent per event id. */
export class EnqueueWebhookDelivery extends Command<void> {
  constructor(readonly job: DeliveryJob) {
    super();
  }
}
