type Scalar = string | number | boolean | null | undefined;

/**
 * What JSON carries unchanged. Event data is stored as JSON and read back later, so a `Date` or a
 * `bigint` in it would come back as a string (or not serialise at all): times travel as ISO-8601
 * strings and big integers as decimal strings, and the compiler refuses anything else.
 */
export type JsonShaped<T> = T extends Scalar
  ? T
  : T extends bigint | Date | ((...args: never[]) => unknown) | symbol
    ? never
    : T extends ReadonlyArray<infer U>
      ? ReadonlyArray<JsonShaped<U>>
      : { [K in keyof T]: JsonShaped<T[K]> };

/**
 * A past-tense fact. Subclass it with the shape of its data; the class name is its stored type:
 *
 *   export class MessagingProfileCreated extends DomainEvent<{ profileId: string; createdAt: string }> {}
 *
 * When the shape of the data changes, raise `static readonly version` and register an upcaster
 * that lifts the older versions (see EventRegistry).
 */
export abstract class DomainEvent<D extends object = object> {
  /** The schema version of `data` written by this code. */
  static readonly version: number = 1;
  readonly data: D;

  constructor(data: JsonShaped<D>) {
    this.data = data as D;
  }
}

/** A concrete event class: constructible from its data, with a schema version. */
export type EventClass<E extends DomainEvent = DomainEvent> = (new (data: never) => E) & {
  readonly version: number;
  readonly name: string;
};

/** The stored type name of an event class (its class name, which `on<ClassName>` dispatch also uses). */
export function eventType(event: DomainEvent | EventClass): string {
  return typeof event === 'function' ? event.name : event.constructor.name;
}

/** The type names of event classes, for a subscription filter. */
export function eventTypes(...classes: EventClass[]): string[] {
  return classes.map((cls) => cls.name);
}
