import { randomUUID } from 'node:crypto';
import { EventRegistry } from '../../libs/event-sourcing/src/aggregates/event-registry';
import { StreamFolds } from '../../libs/event-sourcing/src/aggregates/stream-folds';
import { EventStore, ReadStreamOptions } from '../../libs/event-sourcing/src/event-store.port';
import {
  CartCheckedOut,
  cartEvents,
  ItemAdded,
} from '../../libs/event-sourcing/src/testing/cart.fixture-spec';
import { DomainEvent } from '../../libs/event-sourcing/src/aggregates/domain-event';
import { usingRealPostgres } from '../support/test-database';
import { EventStoreFixture } from './event-store.contract';
import { postgresEventStoreFixture } from './postgres-event-store.fixture';

/** The items in a cart; undefined once it is checked out. */
interface CartItems {
  items: number;
}

function foldCart(state: CartItems | undefined, event: DomainEvent): CartItems | undefined {
  if (event instanceof ItemAdded) return { items: (state?.items ?? 0) + event.data.quantity };
  if (event instanceof CartCheckedOut) return undefined;
  return state;
}

describe.each(['postgres', 'pglite'] as const)('Stream folds on %s', (kind) => {
  let fixture: EventStoreFixture;
  let store: EventStore;
  const registry = new EventRegistry();
  registry.register(...cartEvents);
  /** The revision every read of the store started from, by stream. */
  const readsFrom = new Map<string, bigint[]>();

  beforeAll(async () => {
    fixture = await postgresEventStoreFixture(
      kind === 'postgres' && (await usingRealPostgres()) ? 'postgres' : 'pglite',
    );
    store = fixture.store;
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId: string, options?: ReadStreamOptions) => {
      readsFrom.set(streamId, [...(readsFrom.get(streamId) ?? []), options?.fromRevision ?? 0n]);
      return readStream(streamId, options);
    };
  }, 120_000);

  afterAll(async () => {
    await fixture?.cleanup();
  });

  async function add(streamId: string, ...events: DomainEvent[]): Promise<void> {
    await store.appendToStream(
      streamId,
      events.map((event) => registry.toAppend(event, {})),
      { expectedRevision: 'any' },
    );
  }

  it('answers what the log says now, reading only the events appended since the last read', async () => {
    const folds = new StreamFolds(store, registry, foldCart);
    const cart = `cart-${randomUUID()}`;
    expect(await folds.current(cart)).toBeUndefined();
    expect(folds.known(cart)?.state).toBeUndefined();

    await add(
      cart,
      new ItemAdded({ sku: 'a', quantity: 2 }),
      new ItemAdded({ sku: 'b', quantity: 3 }),
    );
    const first = await folds.current(cart);
    expect(first).toEqual({ items: 5 });
    expect(await folds.current(cart)).toBe(first);

    await add(cart, new ItemAdded({ sku: 'c', quantity: 4 }));
    expect(await folds.current(cart)).toEqual({ items: 9 });
    expect(first).toEqual({ items: 5 });
    expect(folds.known(cart)?.state).toEqual({ items: 9 });

    await add(cart, new CartCheckedOut({ items: 9, checkedOutAt: new Date().toISOString() }));
    expect(await folds.current(cart)).toBeUndefined();
    // From the start while nothing was kept, then after the last revision folded each time.
    expect(readsFrom.get(cart)).toEqual([0n, 0n, 2n, 2n, 3n]);
  });

  it('another instance, or one that forgot the stream, reads it whole and agrees', async () => {
    const folds = new StreamFolds(store, registry, foldCart, 2);
    const carts = [1, 2, 3].map(() => `cart-${randomUUID()}`);
    for (const [i, cart] of carts.entries()) {
      await add(cart, new ItemAdded({ sku: 'x', quantity: i + 1 }));
      await folds.current(cart);
    }
    expect(folds.known(carts[0])?.state).toBeUndefined();
    expect(folds.known(carts[2])?.state).toEqual({ items: 3 });

    const elsewhere = new StreamFolds(store, registry, foldCart);
    await add(carts[0], new ItemAdded({ sku: 'y', quantity: 10 }));
    expect(await folds.current(carts[0])).toEqual({ items: 11 });
    expect(await elsewhere.current(carts[0])).toEqual({ items: 11 });
    expect(readsFrom.get(carts[0])).toEqual([0n, 0n, 0n]);
  });
});
