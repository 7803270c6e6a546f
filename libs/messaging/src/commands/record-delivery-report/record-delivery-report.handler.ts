import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { Message } from '../../domain/message.aggregate';
import { changeMessage } from '../../lines/message-writes';
import { RecordDeliveryReport } from './record-delivery-report.command';

@CommandHandler(RecordDeliveryReport)
export class RecordDeliveryReportHandler implements ICommandHandler<RecordDeliveryReport> {
  constructor(
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly clock: Clock,
  ) {}

  async execute({ messageId, report, metadata = {} }: RecordDeliveryReport): Promise<void> {
    const at = this.clock.now();
    const message = await this.messages.load(Message.stream(messageId));
    await changeMessage(
      this.messages,
      message,
      (m) => (report.status === 'delivered' ? m.markDelivered(at) : m.fail(report.errors, at)),
      metadata,
    );
  }
}
