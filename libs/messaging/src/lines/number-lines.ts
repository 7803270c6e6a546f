import { Injectable } from '@nestjs/common';
import {
  EventRegistry,
  EventStore,
  streamName,
  StreamFolds,
  UnchangedStream,
} from '@blocx/event-sourcing';
import { E164 } from '@blocx/platform';
import { foldNumberLine, NumberLine } from '../domain/number-line';

/**
 * A platform number as its stream in the event log says now (never a lagging read model): the
 * send's checks and the final gate see a campaign detached or a number released at once. Each
 * read brings the last line this process folded up to date with the events appended since.
 */
@Injectable()
export class NumberLines {
  private readonly lines: StreamFolds<NumberLine>;

  constructor(store: EventStore, registry: EventRegistry) {
    this.lines = new StreamFolds(store, registry, foldNumberLine);
  }

  current(number: E164): Promise<NumberLine | undefined> {
    return this.lines.current(streamName('phoneNumber', number.digits));
  }

  /**
   * The line as last read here, if it was, and the stream as it was then: which profile to read
   * ahead for a send, or what a conditional append must find unchanged.
   */
  known(number: E164): { state: NumberLine | undefined; seen: UnchangedStream } | undefined {
    return this.lines.known(streamName('phoneNumber', number.digits));
  }
}
