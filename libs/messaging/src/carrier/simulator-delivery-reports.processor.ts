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

/** Messages falling due within this many milliseconds of each other are reported together. */
const REPORT_SLOT_MS = 10;

function dueAt(sent: MessageSent): number {
  return Date.parse(sent.data.sentAt) + SIMULATOR_REPORT_DELAY_MS;
}

/**
 * The simulator's delivery reports, derived from the log rather than kept in timers: every
 * message the simulator took gets its report shortly after `sentAt`, and after a crash the
 * processor resumes from its checkpoint, so no accepted message is left without one. A batch is
 * reported in the order its messages fall due, everything due within a few milliseconds at once:
 * reporting a whole batch when its newest was due made one burst of work (and one burst of events
 * for every read model) every ~70 ms at 1,000 sends/s, and the sends caught in it waited.
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
    // (The sort is stable: messages due at the same time keep their log order.)
    const byDue = sent
      .map((envelope) => ({ envelope, due: dueAt(envelope.event as MessageSent) }))
      .sort((a, b) => a.due - b.due);
    for (let first = 0; first < byDue.length;) {
      const wait = byDue[first].due - this.clock.now().getTime();
      if (wait > 0) await sleep(Math.min(wait, SIMULATOR_REPORT_DELAY_MS));
      const until = this.clock.now().getTime() + REPORT_SLOT_MS;
      let end = first + 1;
      while (end < byDue.length && byDue[end].due <= until) end += 1;
      // Together: their reads share a statement, their appends another (as the dispatcher's).
      const slot = byDue.slice(first, end).map(({ envelope }) => envelope);
      await this.forEachConcurrently(slot, slot.length, (envelope) => this.report(envelope));
      first = end;
    }
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
