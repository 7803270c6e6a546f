import { EventFilter } from '../event-store.port';
import { EventEnvelope } from '../subscriptions/event-envelope';
import { ReadModelWrites } from './read-model-writes';

/** The physical name of each read-model table a projection declares: live, or a rebuild's shadow. */
export type TableNames<T extends string> = Readonly<Record<T, string>>;

/**
 * A read model filled from the log. `apply` gets a batch and adds the statements that write it
 * to `writes`; they run, in order, in one transaction with the move of the projection's
 * checkpoint, so the read model changes exactly once per event.
 *
 * Rules: `apply` only decides what to write (it reads nothing: a statement sees the rows the
 * earlier ones wrote, but `apply` never sees a result); write only to the names in `tables` (a
 * rebuild passes its shadow tables); take every time from the events, never from now(), so a
 * rebuild reproduces the rows exactly. Declare every table the projection writes in `tables`;
 * tables must not use `serial` columns (a rebuild copies their structure and drops the old ones).
 */
export abstract class Projection<T extends string = string> {
  /** The subscription name; also its checkpoint's key. Never rename a deployed projection. */
  abstract readonly name: string;
  /** The read-model tables it writes, by their live names. */
  abstract readonly tables: readonly T[];
  /** What it reads; every (non-system) event when unset. */
  readonly filter?: EventFilter;
  /** Events per transaction. */
  readonly batchSize: number = 500;

  abstract apply(events: EventEnvelope[], writes: ReadModelWrites, tables: TableNames<T>): void;
}

export function liveTables<T extends string>(projection: Projection<T>): TableNames<T> {
  return Object.fromEntries(
    projection.tables.map((table) => [table, table]),
  ) as unknown as TableNames<T>;
}

export function shadowTable(table: string): string {
  return `${table}__rebuild`;
}

export function shadowTables<T extends string>(projection: Projection<T>): TableNames<T> {
  return Object.fromEntries(
    projection.tables.map((table) => [table, shadowTable(table)]),
  ) as unknown as TableNames<T>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,50}$/;

/** Table names go into SQL as identifiers; refuse anything that is not a plain lower-case name. */
export function checkProjection(projection: Projection): void {
  if (!/^[\w.:-]{1,100}$/.test(projection.name)) {
    throw new Error(`Projection name "${projection.name}" must be 1-100 word characters`);
  }
  for (const table of projection.tables) {
    if (!IDENTIFIER.test(table)) {
      throw new Error(`${projection.name}: table "${table}" must be a lower-case SQL identifier`);
    }
  }
}
