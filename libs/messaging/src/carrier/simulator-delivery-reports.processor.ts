import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  BatchProcessor,
  causedBy,
  EventEnvelope,
  eventTypes,
  InjectAggregateRepository,
} from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { RecordDeliveryReport } from '../commands/record-delivery-report/record-delivery-report.command';
import { Message } from '../domain/message.aggregate';
import { MessageSent } from '../domain/message.events';
import {
  CARRIER_REJECTED,
  outcomeInReference,
  SIMULATOR,
  SIMULATOR_REPORT_DELAY_MS,
  simulatedOutcome,
} from './simulator-carrier';

/** The subscription name (its checkpoint). Never rename it. */
export const SIMULATOR_DELIVERY_REPORTS = 'messaging.simulator-delivery-reports';

/**
 * The simulator's delivery reports, derived from the log rather than kept in timers: every
 * message the simulator took gets its report shortly after `sentAt`, and after a crash the
 * processor resumes from its checkpoint, so no accepted message is left without one. A batch
 * waits until its newest message is due, then reports them all.
 */
@Injectable()
export class SimulatorDeliveryReports extends BatchProcessor {
  readonly name = SIMULATOR_DELIVERY_REPORTS;
  override readonly filter = { eventTypes: eventTypes(MessageSent) };
  override readonly batchSize = 200;

  constructor(
    private readonly commands: CommandBus,
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly clock: Clock,
  ) {
    super();
  }

  async handleBatch(envelopes: EventEnvelope[]): Promise<void> {
    const sent = envelopes.filter(
      (envelope) =>
        envelope.event instanceof MessageSent && envelope.event.data.carrier === SIMULATOR,
    );
    if (sent.length === 0) return;
    const newest = Math.max(...sent.map((e) => Date.parse((e.event as MessageSent).data.sentAt)));
    const wait = newest + SIMULATOR_REPORT_DELAY_MS - this.clock.now().getTime();
    if (wait > 0) await sleep(Math.min(wait, SIMULATOR_REPORT_DELAY_MS));
    // All at once: their reads share a statement, their appends another (as the dispatcher's).
    await this.forEachConcurrently(sent, sent.length, (envelope) => this.report(envelope));
  }

  private async report(envelope: EventEnvelope): Promise<void> {
    const event = envelope.event as MessageSent;
    const outcome =
      outcomeInReference(event.data.carrierMessageId) ??
      simulatedOutcome((await this.messages.load(envelope.streamId)).toView().to);
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
