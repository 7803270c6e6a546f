import { EventStoreDbEventStore } from '../../libs/event-sourcing/src/eventstoredb/eventstoredb-event-store';
import { WrongExpectedVersion } from '../../libs/event-sourcing/src/event-store.port';
import { eventStoreContract } from './event-store.contract';

const url = process.env.EVENTSTORE_URL;
if (url) {
  eventStoreContract(
    'EventStoreDB',
    async () => {
      const store = new EventStoreDbEventStore(url);
      return { store, cleanup: () => store.close() };
    },
    {
      heldAppendSkipReason:
        'EventStoreDB has no client-held write transactions; $all is in commit order',
      multiStreamAtomicitySkipReason:
        'EventStoreDB 24.10 has no multi-stream transaction: the adapter appends stream by stream',
    },
  );
} else {
  process.stdout.write('EventStoreDB contract suite skipped: EVENTSTORE_URL not set\n');
  it.skip('EventStoreDB contract suite (EVENTSTORE_URL not set)', () => undefined);
}

/** Nothing listens on port 1: every call fails the way it does while the server is down. */
describe('EventStoreDB adapter while the server is unreachable', () => {
  const unreachable = 'esdb://127.0.0.1:1?tls=false';
  const event = {
    id: '3f8e2a55-0d6c-4a57-b0a9-5f7f4b1d2c3e',
    type: 'Tried',
    data: {},
    metadata: {},
  };

  it('rejects an append with the transport error, not WrongExpectedVersion', async () => {
    const store = new EventStoreDbEventStore(unreachable);
    const append = store.appendToStream('tried-1', [event], { expectedRevision: 'no_stream' });
    const error = await append.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    await store.close();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WrongExpectedVersion);
  });

  it('resubscribes with backoff, then hands the error to the consumer', async () => {
    const options = { resubscribeDelayMs: 40, maxConsecutiveFailures: 3 };
    const store = new EventStoreDbEventStore(unreachable, options);
    const started = Date.now();
    const consumed = (async () => {
      for await (const batch of store.subscribeToAll({})) return batch;
    })();
    await expect(consumed).rejects.toThrow(/UNAVAILABLE/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80); // two backoffs: three attempts
    await store.close();
  });

  it('close ends a subscription that is waiting to resubscribe', async () => {
    const store = new EventStoreDbEventStore(unreachable, { resubscribeDelayMs: 1000 });
    const subscription = store.subscribeToAll({});
    const consumed = (async () => {
      const batches = [];
      for await (const batch of subscription) batches.push(batch);
      return batches;
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await store.close();
    expect(await consumed).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
