import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventData, EventMetadata, EventToAppend, RecordedEvent } from '../event-store.port';
import { DomainEvent, EventClass, eventType } from './domain-event';

/**
 * Lifts the stored data of `type` from schema `version` to `version + 1`. The registry calls every
 * upcaster for each step between the stored version and the class's current one, so an upcaster
 * returns the data unchanged for the (type, version) pairs it does not handle.
 */
export type Upcaster = (type: string, version: number, data: EventData) => EventData;

/** The metadata key of the schema version of an event's data. */
export const SCHEMA_VERSION = 'schema_version';

export class UnknownEventType extends Error {
  constructor(readonly type: string) {
    super(`No event class is registered for type "${type}"`);
    this.name = 'UnknownEventType';
  }
}

export class UnserialisableEventData extends Error {
  constructor(type: string, path: string, found: string) {
    super(
      `${type}.data${path} is a ${found}; event data is JSON (times as ISO strings, bigints as strings)`,
    );
    this.name = 'UnserialisableEventData';
  }
}

/** Type name ↔ event class, so stored JSON becomes class instances again. */
@Injectable()
export class EventRegistry {
  private readonly classes = new Map<string, EventClass>();
  private readonly upcasters: Upcaster[] = [];

  register(...classes: EventClass[]): void {
    for (const cls of classes) {
      const known = this.classes.get(cls.name);
      if (known !== undefined && known !== cls) {
        throw new Error(`Two event classes are named ${cls.name}; type names must be unique`);
      }
      this.classes.set(cls.name, cls);
    }
  }

  addUpcaster(upcaster: Upcaster): void {
    this.upcasters.push(upcaster);
  }

  has(type: string): boolean {
    return this.classes.has(type);
  }

  /** The event ready to append: a fresh id, its type, its data checked as JSON, its schema version. */
  toAppend(event: DomainEvent, metadata: EventMetadata, id: string = randomUUID()): EventToAppend {
    const type = eventType(event);
    const cls = this.classOf(type);
    assertJson(type, event.data, '');
    return {
      id,
      type,
      data: event.data as EventData,
      metadata: { ...metadata, [SCHEMA_VERSION]: cls.version },
    };
  }

  /** The stored event as an instance of its class, upcast to the current schema version. */
  revive(recorded: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>): DomainEvent {
    const cls = this.classOf(recorded.type);
    const stored = Number(recorded.metadata[SCHEMA_VERSION] ?? 1);
    let data = recorded.data;
    for (let version = stored; version < cls.version; version++) {
      data = this.upcasters.reduce(
        (lifted, upcast) => upcast(recorded.type, version, lifted),
        data,
      );
    }
    return new (cls as unknown as new (data: EventData) => DomainEvent)(data);
  }

  private classOf(type: string): EventClass {
    const cls = this.classes.get(type);
    if (cls === undefined) throw new UnknownEventType(type);
    return cls;
  }
}

/** The compiler already refuses Dates and bigints in event data; this catches what slips past it. */
function assertJson(type: string, value: unknown, path: string): void {
  if (value === null || ['string', 'boolean', 'undefined'].includes(typeof value)) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnserialisableEventData(type, path, String(value));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJson(type, item, `${path}[${index}]`));
    return;
  }
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    const found = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
    throw new UnserialisableEventData(type, path, found);
  }
  for (const [key, item] of Object.entries(value as object))
    assertJson(type, item, `${path}.${key}`);
}
