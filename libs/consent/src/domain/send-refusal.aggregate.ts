import { EventSourcedAggregate, streamName } from '@blocx/event-sourcing';
import { SendRefusedOptedOut } from './consent.events';

/** One refused send (stream `sendRefusal-<uuid>`): written once, never changed. */
export class SendRefusal extends EventSourcedAggregate {
  private recorded = false;

  static stream(refusalId: string): string {
    return streamName('sendRefusal', refusalId);
  }

  record(refusal: Omit<SendRefusedOptedOut['data'], 'refusedAt'>, at: Date): void {
    if (this.recorded) return;
    this.apply(new SendRefusedOptedOut({ ...refusal, refusedAt: at.toISOString() }));
  }

  onSendRefusedOptedOut(): void {
    this.recorded = true;
  }
}
