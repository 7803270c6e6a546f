import { CommandBus } from '@nestjs/cqrs';
import { AggregateRepository, EventEnvelope } from '@blocx/event-sourcing';
import { SystemClock } from '@blocx/platform';
import { RecordDeliveryReport } from '../commands/record-delivery-report/record-delivery-report.command';
import { Message } from '../domain/message.aggregate';
import { MessageSent } from '../domain/message.events';
import { SIMULATOR, SIMULATOR_REPORT_DELAY_MS } from './simulator-carrier';
import { SimulatorDeliveryReports } from './simulator-delivery-reports.processor';

/** A MessageSent by the simulator `sentMsAgo` milliseconds ago, its verdict in its reference. */
function sent(messageId: string, sentMsAgo: number, verdict = 'delivered'): EventEnvelope {
  const sentAt = new Date(Date.now() - sentMsAgo).toISOString();
  return {
    id: `event-${messageId}`,
    type: 'MessageSent',
    metadata: {},
    streamId: `message-${messageId}`,
    revision: 1n,
    position: { commit: 1n, prepare: 1n },
    created: new Date(sentAt),
    event: new MessageSent({
      messageId,
      accountId: 'account-1',
      profileId: 'profile-1',
      carrier: SIMULATOR,
      carrierMessageId: `sim-${verdict}-${messageId}`,
      sentAt,
    }),
  };
}

describe('SimulatorDeliveryReports', () => {
  /** The reports it records, each with when it recorded it. */
  function reporter() {
    const reports: Array<{ messageId: string; status: string; at: number }> = [];
    const commands = {
      execute: async (command: RecordDeliveryReport) => {
        reports.push({
          messageId: command.messageId,
          status: command.report.status,
          at: Date.now(),
        });
      },
    } as unknown as CommandBus;
    // Every reference here carries the simulator's verdict: the message is never read.
    const messages = {
      load: () => Promise.reject(new Error('not read')),
    } as unknown as AggregateRepository<Message>;
    return {
      processor: new SimulatorDeliveryReports(commands, messages, new SystemClock()),
      reports,
    };
  }

  it('reports each message when it falls due, not when the newest of its batch does', async () => {
    const { processor, reports } = reporter();
    const started = Date.now();
    // Given one message already due and one sent just now, read in one batch
    await processor.handleBatch([sent('m-due', SIMULATOR_REPORT_DELAY_MS + 50), sent('m-new', 0)]);
    // Then the due one was reported at once, the new one only once it was due
    expect(reports.map((r) => r.messageId)).toEqual(['m-due', 'm-new']);
    expect(reports[0].at - started).toBeLessThan(SIMULATOR_REPORT_DELAY_MS / 2);
    expect(reports[1].at - started).toBeGreaterThanOrEqual(SIMULATOR_REPORT_DELAY_MS - 5);
  });

  it('reports in the order messages fall due, with the verdict of each reference', async () => {
    const { processor, reports } = reporter();
    // Given a batch whose log order is not the order they fall due in
    await processor.handleBatch([
      sent('m-2', 40),
      sent('m-1', SIMULATOR_REPORT_DELAY_MS),
      sent('m-3', 0, 'failed'),
    ]);
    expect(reports.map((r) => [r.messageId, r.status])).toEqual([
      ['m-1', 'delivered'],
      ['m-2', 'delivered'],
      ['m-3', 'failed'],
    ]);
    expect(reports[1].at).toBeLessThan(reports[2].at);
  });
});
