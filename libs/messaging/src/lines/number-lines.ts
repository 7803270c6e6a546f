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

  /** The line as last read here, if it was: which profile to read ahead for a send. */
  lastKnown(number: E164): NumberLine | undefined {
    return this.lines.lastKnown(streamName('phoneNumber', number.digits));
  }

  /** The line as last read here, and the stream's revision a conditional append must find. */
  known(number: E164): { line: NumberLine | undefined; seen: UnchangedStream } | undefined {
    const streamId = streamName('phoneNumber', number.digits);
    const kept = this.lines.known(streamId);
    return kept && { line: kept.state, seen: { streamId, revision: kept.revision } };
  }
}
