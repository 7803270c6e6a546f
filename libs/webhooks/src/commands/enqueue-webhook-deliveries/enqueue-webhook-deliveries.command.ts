import { Command } from '@nestjs/cqrs';
import { DeliveryJob } from '../../deliveries/delivery-store';

/** Deliver events to their profiles' webhook URLs. Idempotent per event id. */
export class EnqueueWebhookDeliveries extends Command<void> {
  constructor(readonly jobs: DeliveryJob[]) {
    super();
  }
}
