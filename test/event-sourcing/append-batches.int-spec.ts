import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  EventToAppend,
  ExpectedRevision,
  WrongExpectedVersion,
} from '../../libs/event-sourcing/src/event-store.port';
import { PostgresEventStore } from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import { TestDatabase, usingRealPostgres } from '../support/test-database';
import { eventStoreDatabase } from './postgres-event-store.fixture';

function events(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type: 'Combined',
    data: { n },
    metadata: { account_id: 'acc_1' },
  }));
}

const stream = () => `combined-${randomUUID()}`;

describe.each(['postgres', 'pglite'] as const)('Combined appends on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    const real = await usingRealPostgres();
    database = await eventStoreDatabase(kind === 'postgres' && real ? 'postgres' : 'pglite');
    pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { listen: false });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  const append = (streamId: string, appended: EventToAppend[], expected: ExpectedRevision) =>
    store.appendToStream(streamId, appended, { expectedRevision: expected });

  it('appends of one turn to distinct streams commit together, each judged on its own expectation', async () => {
    const [existing, fresh, stale, retried] = [stream(), stream(), stream(), stream()];
    const retry = events(2);
    await append(existing, events(1), 'no_stream');
    await append(stale, events(2), 'no_stream');
    const first = await append(retried, retry, 'no_stream');
    const secondOfTwice = events(1);
    const outcomes = await Promise.allSettled([
      append(existing, events(2), 0n),
      append(fresh, events(3), 'no_stream'),
      append(stale, events(1), 0n), // the stream is at 1
      append(retried, retry, 'no_stream'), // the same events again: the first result
      append(fresh, secondOfTwice, 2n), // after the first append to `fresh` in this turn
    ]);
    const [onExisting, onFresh, onStale, onRetried, onFreshAgain] = outcomes;
    expect(onStale.status).toBe('rejected');
    expect((onStale as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    const results = [onExisting, onFresh, onRetried, onFreshAgain].map((outcome) => {
      expect(outcome.status).toBe('fulfilled');
      return (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof append>>>).value;
    });
    expect(results.map((result) => result.nextExpectedRevision)).toEqual([2n, 2n, 1n, 3n]);
    expect(results[2]).toEqual(first);
    // The two new appends of the combined statement share its transaction.
    expect(results[0].position.commit).toBe(results[1].position.commit);
    expect((await store.readStream(existing)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    const freshEvents = await store.readStream(fresh);
    expect(freshEvents.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
    expect(freshEvents[3].id).toBe(secondOfTwice[0].id);
    expect(await store.readStream(stale)).toHaveLength(2);
    expect(await store.readStream(retried)).toHaveLength(2);
  });

  it('when the combined statement fails, every append of it runs on its own', async () => {
    const taken = events(1);
    await append(stream(), taken, 'no_stream');
    const [ok, clash] = [stream(), stream()];
    const outcomes = await Promise.allSettled([
      append(ok, events(1), 'no_stream'),
      append(clash, taken, 'no_stream'), // an event id already in the log: a unique violation
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(await store.readStream(ok)).toHaveLength(1);
    expect(await store.readStream(clash)).toHaveLength(0);
  });
  it('a conditional append writes only while the streams it depends on are where the caller saw them', async () => {
    const [number, consent, message, other] = [stream(), stream(), stream(), stream()];
    await append(number, events(2), 'no_stream'); // at revision 1
    const unchanged = [
      { streamId: number, revision: 1n },
      { streamId: consent, revision: 'no_stream' as const },
    ];
    const written = await store.appendIfUnchanged(message, events(1), 'no_stream', unchanged);
    expect(written?.nextExpectedRevision).toBe(0n);
    expect(await store.readStream(message)).toHaveLength(1);

    // The depended-on stream moved, or an absent one appeared: nothing is written.
    await append(number, events(1), 1n);
    expect(await store.appendIfUnchanged(other, events(1), 'no_stream', unchanged)).toBeUndefined();
    const movedAgain = [{ streamId: number, revision: 2n }, unchanged[1]];
    await append(consent, events(1), 'no_stream');
    expect(
      await store.appendIfUnchanged(other, events(1), 'no_stream', movedAgain),
    ).toBeUndefined();
    // A wrong expectation of its own: undefined too, never an error.
    expect(
      await store.appendIfUnchanged(message, events(1), 'no_stream', [
        { streamId: number, revision: 2n },
      ]),
    ).toBeUndefined();
    expect(await store.readStream(other)).toEqual([]);
    expect(await store.readStream(message)).toHaveLength(1);

    // Beside unconditional appends of the same turn, each is judged on its own.
    const [free, guarded] = [stream(), stream()];
    const [plain, conditional, refused] = await Promise.all([
      append(free, events(1), 'no_stream'),
      store.appendIfUnchanged(guarded, events(1), 'no_stream', [
        { streamId: number, revision: 2n },
      ]),
      store.appendIfUnchanged(stream(), events(1), 'no_stream', [
        { streamId: number, revision: 1n },
      ]),
    ]);
    expect(plain.nextExpectedRevision).toBe(0n);
    expect(conditional?.nextExpectedRevision).toBe(0n);
    expect(refused).toBeUndefined();
  });
});
