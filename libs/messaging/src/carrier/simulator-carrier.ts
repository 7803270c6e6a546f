import { Injectable } from '@nestjs/common';
import { MessageError } from '../domain/message.events';
import { Carrier, CarrierAcceptance, CarrierSubmission } from './carrier.port';

export const SIMULATOR = 'simulator';

/** How long after the hand-off the simulator reports delivery (well within the contract's second). */
export const SIMULATOR_REPORT_DELAY_MS = 150;

export const CARRIER_REJECTED: MessageError = {
  code: 'carrier_rejected',
  title: 'Carrier rejected',
  detail: 'The carrier refused to deliver the message to this destination',
};

export type SimulatedOutcome = 'delivered' | 'failed';

/**
 * The built-in carrier: accepts everything. Its delivery reports are not kept in memory but
 * derived from the log by SimulatorDeliveryReports, so a restart loses none. It decides the
 * outcome at hand-off and keeps it in its reference (`sim-delivered-<id>`, `sim-failed-<id>`),
 * as a carrier knows its own messages: the sent event alone then says what to report.
 */
@Injectable()
export class SimulatorCarrier extends Carrier {
  readonly name = SIMULATOR;

  async submit(message: CarrierSubmission): Promise<CarrierAcceptance> {
    return { carrierMessageId: `sim-${simulatedOutcome(message.to)}-${message.messageId}` };
  }
}

/** The simulator's verdict: destinations whose last four digits are 0999 fail. */
export function simulatedOutcome(to: string): SimulatedOutcome {
  return to.endsWith('0999') ? 'failed' : 'delivered';
}

/** The verdict kept in a simulator reference; undefined for references made before it was. */
export function outcomeInReference(carrierMessageId: string): SimulatedOutcome | undefined {
  const kept = /^sim-(delivered|failed)-/.exec(carrierMessageId)?.[1];
  return kept as SimulatedOutcome | undefined;
}
