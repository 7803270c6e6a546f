import { JSONRecordedEvent, ResolvedEvent, WrongExpectedVersionError } from '@eventstore/db-client';
import { ExpectedRevision, LOG_START, WrongExpectedVersion } from '../event-store.port';
import {
  fromEsdbError,
  fromPosition,
  passes,
  toEsdbExpected,
  toEsdbFilter,
  toRecordedEvent,
} from './eventstoredb-events';

const recorded = (type: string, streamId = 'messagingProfile-1'): JSONRecordedEvent => ({
  isJson: true,
  id: 'a6a1c7a4-31c3-4a4e-9f53-0c6f1f0f2f10',
  type,
  streamId,
  revision: 3n,
  created: new Date(0),
  data: {},
  metadata: {},
  position: { commit: 10n, prepare: 10n },
});

describe('EventStoreDB mapping', () => {
  it('maps the four expected revisions', () => {
    const ours: ExpectedRevision[] = ['any', 'no_stream', 'stream_exists', 4n];
    expect(ours.map(toEsdbExpected)).toEqual(['any', 'no_stream', 'stream_exists', 4n]);
  });

  it('reads from the start of $all for LOG_START, else from the checkpoint', () => {
    expect(fromPosition(undefined)).toBe('start');
    expect(fromPosition(LOG_START)).toBe('start');
    expect(fromPosition({ commit: 5n, prepare: 4n })).toEqual({ commit: 5n, prepare: 4n });
  });

  it('subscribes without system events, by stream prefixes, or by exact event types', () => {
    expect(toEsdbFilter(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(toEsdbFilter({ streamPrefixes: ['phoneNumber-'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['phoneNumber-'],
    });
    expect(toEsdbFilter({ eventTypes: ['A.b', '$system', 'C'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:A\\.b|C)$',
    });
    expect(toEsdbFilter({ eventTypes: [] })).toMatchObject({ regex: '(?!)' });
  });

  it('drops system events and events outside the filter on the client too', () => {
    const event = toRecordedEvent({ event: recorded('NumberAssigned') });
    const system = toRecordedEvent({ event: recorded('$statsCollected') });
    if (!event || !system) throw new Error('not mapped');
    expect(passes(event, undefined)).toBe(true);
    expect(passes(system, undefined)).toBe(false);
    expect(passes(event, { streamPrefixes: ['messagingProfile-'] })).toBe(true);
    expect(passes(event, { streamPrefixes: ['phoneNumber-'] })).toBe(false);
    expect(passes(event, { eventTypes: ['NumberAssigned'] })).toBe(true);
    expect(passes(event, { eventTypes: ['NumberAssignedX'] })).toBe(false);
  });

  it('turns binary data into an object and keeps the position', () => {
    const { position, id, revision, created, streamId } = recorded('Imported');
    const data = Uint8Array.from(Buffer.from('{"a":1}'));
    const binary: ResolvedEvent = {
      event: {
        isJson: false,
        type: 'Imported',
        data,
        metadata: undefined,
        position,
        id,
        revision,
        created,
        streamId,
      },
    };
    const event = toRecordedEvent(binary);
    expect(event).toMatchObject({ data: { a: 1 }, metadata: {}, revision: 3n });
    expect(event?.position).toEqual({ commit: 10n, prepare: 10n });
    expect(toRecordedEvent({})).toBeUndefined();
  });

  it('turns WrongExpectedVersionError into WrongExpectedVersion and leaves other errors alone', () => {
    const esdb = new WrongExpectedVersionError(undefined, {
      streamName: 'messagingProfile-1',
      expected: 2n,
      current: 'no_stream',
    });
    const mapped = fromEsdbError(esdb, 'messagingProfile-1', 2n);
    expect(mapped).toBeInstanceOf(WrongExpectedVersion);
    expect(mapped).toMatchObject({
      streamId: 'messagingProfile-1',
      expected: 2n,
      actual: 'no_stream',
    });
    const other = new Error('unavailable');
    expect(fromEsdbError(other, 'messagingProfile-1', 2n)).toBe(other);
  });
});
