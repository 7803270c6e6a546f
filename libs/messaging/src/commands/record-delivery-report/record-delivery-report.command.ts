import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '@blocx/event-sourcing';
import { MessageError } from '../../domain/message.events';

export type DeliveryReport = { status: 'delivered' } | { status: 'failed'; errors: MessageError[] };

/** A carrier's delivery report; a late or repeated one changes nothing (never backwards). */
export class RecordDeliveryReport extends Command<void> {
  readonly messageId: string;
  readonly report: DeliveryReport;
  readonly metadata?: EventMetadata;

  constructor(input: { messageId: string; report: DeliveryReport; metadata?: EventMetadata }) {
    super();
    Object.assign(this, input);
  }
}
