import {
  ANY,
  AppendExpectedRevision,
  EventData as EsdbEventData,
  Filter,
  NO_STREAM,
  ReadPosition,
  RecordedEvent as EsdbRecordedEvent,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  EventData,
  EventFilter,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  LOG_START,
  LogPosition,
  RecordedEvent,
  WrongExpectedVersion,
  compareLogPositions,
} from '../event-store.port';

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return expected;
}

/** LOG_START means the start of $all, not the position 0/0. */
export function fromPosition(after: LogPosition | undefined): ReadPosition {
  return after && compareLogPositions(after, LOG_START) !== 0 ? after : START;
}

export function toEsdbEvent(event: EventToAppend): EsdbEventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

export function fromEsdbError(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): unknown {
  if (!(error instanceof WrongExpectedVersionError)) return error;
  return new WrongExpectedVersion(streamId, expected, error.actualVersion);
}

/** System events (type `$…`) never reach a reader of the whole log. */
export function isSystemType(type: string): boolean {
  return type.startsWith('$');
}

/** The same test the server-side filter makes, applied again to what comes back. */
export function passes(event: RecordedEvent, filter: EventFilter | undefined): boolean {
  if (isSystemType(event.type)) return false;
  if (!filter) return true;
  if ('streamPrefixes' in filter) {
    return filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
  }
  return filter.eventTypes.includes(event.type);
}

/** The server-side filter of a subscription; an empty list matches nothing, as in PostgreSQL. */
export function toEsdbFilter(filter: EventFilter | undefined): Filter {
  if (!filter) return excludeSystemEvents();
  if ('streamPrefixes' in filter && filter.streamPrefixes.length > 0) {
    return streamNameFilter({ prefixes: filter.streamPrefixes });
  }
  const types = 'eventTypes' in filter ? filter.eventTypes.filter((t) => !isSystemType(t)) : [];
  const regex = types.length > 0 ? `^(?:${types.map(escapeRegex).join('|')})$` : '(?!)';
  return eventTypeFilter({ regex });
}

export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const position = positionOf(event, resolved.commitPosition);
  return {
    id: event.id,
    type: event.type,
    data: asRecord(event.data) as EventData,
    metadata: asRecord(event.metadata) as EventMetadata,
    streamId: event.streamId,
    revision: event.revision,
    position,
    created: event.created,
  };
}

/** Servers before 22.6 give a stream read no position, only the commit position. */
function positionOf(event: EsdbRecordedEvent, commitPosition: bigint | undefined): LogPosition {
  if (event.position) return { commit: event.position.commit, prepare: event.position.prepare };
  const commit = commitPosition ?? 0n;
  return { commit, prepare: commit };
}

/** Our events are JSON objects; anything else written by another client is wrapped, not lost. */
function asRecord(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value).toString('utf8');
    try {
      return asRecord(JSON.parse(text));
    } catch {
      return { raw: text };
    }
  }
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
