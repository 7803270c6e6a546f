import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@blocx/platform';
import { DeliveryStore } from '../../deliveries/delivery-store';
import { DeliveryWorker } from '../../deliveries/delivery-worker';
import { EnqueueWebhookDelivery } from './enqueue-webhook-delivery.command';

@CommandHandler(EnqueueWebhookDelivery)
export class EnqueueWebhookDeliveryHandler implements ICommandHandler<EnqueueWebhookDelivery> {
  constructor(
    private readonly store: DeliveryStore,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async execute({ job }: EnqueueWebhookDelivery): Promise<void> {
    if (await this.store.enqueue(job, this.clock.now())) this.worker.wake();
  }
}
