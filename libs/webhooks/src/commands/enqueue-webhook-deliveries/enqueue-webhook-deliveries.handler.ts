import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@blocx/platform';
import { DeliveryStore } from '../../deliveries/delivery-store';
import { DeliveryWorker } from '../../deliveries/delivery-worker';
import { EnqueueWebhookDeliveries } from './enqueue-webhook-deliveries.command';

@CommandHandler(EnqueueWebhookDeliveries)
export class EnqueueWebhookDeliveriesHandler implements ICommandHandler<EnqueueWebhookDeliveries> {
  constructor(
    private readonly store: DeliveryStore,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async execute({ jobs }: EnqueueWebhookDeliveries): Promise<void> {
    if (jobs.length === 0) return;
    if ((await this.store.enqueue(jobs, this.clock.now())) > 0) this.worker.wake();
  }
}
