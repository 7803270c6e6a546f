import { Injectable } from '@nestjs/common';
import { EventRegistry, EventStore, streamName } from '@blocx/event-sourcing';
import { E164 } from '@blocx/platform';
import { NumberLine, numberLineOf } from '../domain/number-line';

/**
 * A platform number as its stream in the event log says now (never a lagging read model): the
 * send's checks and the final gate see a campaign detached or a number released at once.
 */
@Injectable()
export class NumberLines {
  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
  ) {}

  async current(number: E164): Promise<NumberLine | undefined> {
    const recorded = await this.store.readStream(streamName('phoneNumber', number.digits));
    return numberLineOf(recorded.map((event) => this.registry.revive(event)));
  }
}
