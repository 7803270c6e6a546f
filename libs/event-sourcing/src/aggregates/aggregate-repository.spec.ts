import { WrongExpectedVersion } from '../event-store.port';
import { Cart, CartClosed, cartEvents, ItemAdded } from '../testing/cart.fixture-spec';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { AggregateRepository } from './aggregate-repository';
import { ConcurrentModification } from './concurrent-modification.error';
import { DomainEvent } from './domain-event';
import { EventRegistry } from './event-registry';

const at = new Date('2025-01-01T00:00:00.000Z');
const meta = { correlation_id: 'corr-1', causation_id: 'cause-1', account_id: 'acc-1' };

function setup(maxAttempts = 5) {
  const store = new InMemoryEventStore();
  const registry = new EventRegistry();
  registry.register(...cartEvents);
  const published: DomainEvent[] = [];
  const publisher = { publishAll: (events: DomainEvent[]) => published.push(...events) };
  const repository = new AggregateRepository(Cart, store, registry, publisher, {
    maxAttempts,
    readPageSize: 2,
  });
  return { store, repository, published };
}

describe('AggregateRepository', () => {
  it('loads an empty stream as a fresh aggregate at no_stream', async () => {
    const { repository } = setup();
    const cart = await repository.load('cart-1');
    expect(cart.revision).toBe('no_stream');
    expect(cart.isNew).toBe(true);
    expect(cart.streamId).toBe('cart-1');
  });

  it('saves with the expected revision, returns the position and replays on load', async () => {
    const { repository, store, published } = setup();
    const cart = await repository.load('cart-1');
    cart.start('1', at);
    cart.add('a', 2);
    cart.add('b', 3);
    const position = await repository.save(cart, meta);
    expect(position).toEqual(await store.headPosition());
    expect(cart.revision).toBe(2n);
    expect(cart.getUncommittedEvents()).toHaveLength(0);
    expect(published.map((e) => e.constructor.name)).toEqual([
      'CartOpened',
      'ItemAdded',
      'ItemAdded',
    ]);

    const again = await repository.load('cart-1');
    expect(again.items).toBe(5);
    expect(again.revision).toBe(2n);
    const stored = await store.readStream('cart-1');
    expect(stored[0].metadata).toMatchObject(meta);
  });

  it('refuses a stale save with WrongExpectedVersion', async () => {
    const { repository } = setup();
    const first = await repository.load('cart-1');
    const second = await repository.load('cart-1');
    first.start('1', at);
    second.start('1', at);
    await repository.save(first, meta);
    await expect(repository.save(second, meta)).rejects.toBeInstanceOf(WrongExpectedVersion);
  });

  it('execute retries a decision after a concurrent append', async () => {
    const { repository, store } = setup();
    await repository.execute('cart-1', (cart) => cart.start('1', at), meta);
    let runs = 0;
    const result = await repository.execute(
      'cart-1',
      async (cart) => {
        runs++;
        if (runs === 1) await repository.execute('cart-1', (other) => other.add('x', 1), meta);
        cart.add('y', 1);
        return cart.items;
      },
      meta,
    );
    expect(runs).toBe(2);
    expect(result.result).toBe(2);
    expect((await store.readStream('cart-1')).map((e) => e.type)).toEqual([
      'CartOpened',
      'ItemAdded',
      'ItemAdded',
    ]);
    expect(result.position).toEqual(await store.headPosition());
  });

  it('execute gives up with a 409 after the bounded attempts', async () => {
    const { repository } = setup(3);
    await repository.execute('cart-1', (cart) => cart.start('1', at), meta);
    const attempt = repository.execute(
      'cart-1',
      async (cart) => {
        await repository.execute('cart-1', (other) => other.add('x', 1), meta);
        cart.add('y', 1);
      },
      meta,
    );
    await expect(attempt).rejects.toBeInstanceOf(ConcurrentModification);
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'concurrent_modification' });
  });

  it('execute passes domain errors through untouched and appends nothing', async () => {
    const { repository, store } = setup();
    await repository.execute('cart-1', (cart) => cart.start('1', at), meta);
    await repository.execute('cart-1', (cart) => cart.checkOut(at), meta);
    await expect(
      repository.execute('cart-1', (cart) => cart.add('z', 1), meta),
    ).rejects.toBeInstanceOf(CartClosed);
    expect(await store.readStream('cart-1')).toHaveLength(2);
  });

  it('executeAll records one decision on several aggregates, rerun after a concurrent append', async () => {
    const { repository, store, published } = setup();
    for (const id of ['cart-1', 'cart-2']) {
      await repository.execute(id, (cart) => cart.start(id, at), meta);
    }
    let runs = 0;
    const executed = await repository.executeAll(
      ['cart-1', 'cart-2'],
      async (carts) => {
        runs++;
        if (runs === 1) await repository.execute('cart-2', (other) => other.add('x', 1), meta);
        carts.forEach((cart) => cart.add('y', 1));
        return carts.map((cart) => cart.items);
      },
      meta,
    );
    expect([runs, executed.result]).toEqual([2, [1, 2]]);
    const types = async (id: string) => (await store.readStream(id)).map((e) => e.type);
    expect(await types('cart-1')).toEqual(['CartOpened', 'ItemAdded']);
    expect(await types('cart-2')).toEqual(['CartOpened', 'ItemAdded', 'ItemAdded']);
    expect(executed.position).toEqual(await store.headPosition());
    expect(executed.aggregates.map((cart) => cart.revision)).toEqual([1n, 2n]);
    expect(published.slice(-2).map((e) => e.constructor.name)).toEqual(['ItemAdded', 'ItemAdded']);
  });

  it('executeAll records nothing when the decision fails on one aggregate, or decides nothing', async () => {
    const { repository, store } = setup();
    for (const id of ['cart-1', 'cart-2']) {
      await repository.execute(id, (cart) => cart.start(id, at), meta);
    }
    await repository.execute('cart-2', (cart) => cart.checkOut(at), meta);
    const head = await store.headPosition();
    const refused = repository.executeAll(
      ['cart-1', 'cart-2'],
      (carts) => carts.forEach((cart) => cart.add('z', 1)),
      meta,
    );
    await expect(refused).rejects.toBeInstanceOf(CartClosed);
    expect(await store.headPosition()).toEqual(head);
    const noop = await repository.executeAll(['cart-1', 'cart-2'], () => undefined, meta);
    expect(noop.position).toBeUndefined();
  });

  it('saveAll refuses all the aggregates when one of them is stale', async () => {
    const { repository, store } = setup();
    const [fresh, stale] = [await repository.load('cart-1'), await repository.load('cart-2')];
    await repository.execute('cart-2', (cart) => cart.start('2', at), meta);
    fresh.start('1', at);
    stale.start('2', at);
    await expect(repository.saveAll([fresh, stale], meta)).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    expect(await store.readStream('cart-1')).toEqual([]);
  });

  it('returns no position when a decision records nothing', async () => {
    const { repository } = setup();
    await repository.execute('cart-1', (cart) => cart.start('1', at), meta);
    const noop = await repository.execute('cart-1', (cart) => cart.start('1', at), meta);
    expect(noop.position).toBeUndefined();
    expect(noop.aggregate).toBeInstanceOf(Object);
    expect(new ItemAdded({ sku: 'a', quantity: 1 }).data.quantity).toBe(1);
  });
});
