import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  causedBy,
  EventEnvelope,
  eventTypes,
  InjectAggregateRepository,
  Processor,
} from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { RecordDeliveryReport } from '../commands/record-delivery-report/record-delivery-report.command';
import { Message } from '../domain/message.aggregate';
import { MessageSent } from '../domain/message.events';
import {
  CARRIER_REJECTED,
  SIMULATOR,
  SIMULATOR_REPORT_DELAY_MS,
  simulatedOutcome,
} from './simulator-carrier';

/** The subscription name (its checkpoint). Never rename it. */
export const SIMULATOR_DELIVERY_REPORTS = 'messaging.simulator-delivery-reports';

/**
 * The simulator's delivery reports, derived from the log rather than kept in timers: every
 * message the simulator took gets its report shortly after `sentAt`, and after a crash the
 * processor resumes from its checkpoint, so no accepted message is left without one.
 */
@Injectable()
export class SimulatorDeliveryReports extends Processor {
  readonly name = SIMULATOR_DELIVERY_REPORTS;
  override readonly filter = { eventTypes: eventTypes(MessageSent) };

  constructor(
    private readonly commands: CommandBus,
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = envelope.event;
    if (!(event instanceof MessageSent) || event.data.carrier !== SIMULATOR) return;
    const due = Date.parse(event.data.sentAt) + SIMULATOR_REPORT_DELAY_MS;
    const wait = due - this.clock.now().getTime();
    if (wait > 0) await sleep(Math.min(wait, SIMULATOR_REPORT_DELAY_MS));
    const message = await this.messages.load(envelope.streamId);
    const outcome = simulatedOutcome(message.toView().to);
    await this.commands.execute(
      new RecordDeliveryReport({
        messageId: event.data.messageId,
        report:
          outcome === 'delivered'
            ? { status: 'delivered' }
            : { status: 'failed', errors: [CARRIER_REJECTED] },
        metadata: causedBy(envelope),
      }),
    );
  }
}
