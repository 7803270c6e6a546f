import { deepStrictEqual } from 'node:assert/strict';
import { DomainEvent, eventType } from '../aggregates/domain-event';
import { AggregateClass, EventSourcedAggregate } from '../aggregates/event-sourced-aggregate';

type ErrorClass = abstract new (...args: never[]) => Error;
type ErrorCheck = ErrorClass | ((error: unknown) => boolean);

/** How an event reads in a failure message: its type and its data. */
function described(events: readonly DomainEvent[]): Array<{ type: string; data: object }> {
  return events.map((event) => ({ type: eventType(event), data: event.data }));
}

function isErrorClass(check: ErrorCheck): check is ErrorClass {
  return typeof check === 'function' && check.prototype instanceof Error;
}

export class AggregateScenario<T extends EventSourcedAggregate> {
  constructor(
    private readonly aggregate: T,
    private readonly decide: (aggregate: T) => unknown,
  ) {}

  /** The decision succeeds and records exactly these events (type and data), in this order. */
  then(expected: DomainEvent[]): T {
    if (!Array.isArray(expected))
      throw new TypeError('then() takes the expected events; do not await a scenario');
    this.run();
    deepStrictEqual(described(this.aggregate.getUncommittedEvents()), described(expected));
    return this.aggregate;
  }

  /** The decision throws an error of this class, or one the predicate accepts; it records nothing. */
  thenThrows(check: ErrorCheck): unknown {
    let thrown: unknown;
    try {
      this.run();
    } catch (error) {
      thrown = error;
    }
    if (thrown === undefined) {
      const recorded = JSON.stringify(described(this.aggregate.getUncommittedEvents()));
      throw new Error(`Expected the decision to throw, but it recorded ${recorded}`);
    }
    const accepted = isErrorClass(check) ? thrown instanceof check : check(thrown);
    if (!accepted) {
      const name = isErrorClass(check) ? check.name : 'the predicate';
      throw new Error(`Expected an error accepted by ${name}, got ${String(thrown)}`);
    }
    return thrown;
  }

  private run(): void {
    const outcome = this.decide(this.aggregate);
    if (outcome instanceof Promise) {
      throw new TypeError('Aggregate decisions are synchronous; keep I/O in the command handler');
    }
  }
}

/**
 * Given-events / When-command / Then-events, in the emmett style:
 *
 *   given(MessagingProfile, [created]).when((p) => p.rename('New')).then([new ProfileRenamed({ ... })]);
 *   given(MessagingProfile, []).when((p) => p.rename('New')).thenThrows(ProfileNotFound);
 */
export function given<T extends EventSourcedAggregate>(
  Aggregate: AggregateClass<T>,
  history: DomainEvent[],
  streamId = 'test-stream',
) {
  const aggregate = new Aggregate(streamId);
  aggregate.replay(history, history.length === 0 ? 'no_stream' : BigInt(history.length - 1));
  return {
    when: (decide: (aggregate: T) => unknown) => new AggregateScenario(aggregate, decide),
  };
}
