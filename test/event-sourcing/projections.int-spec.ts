import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AggregateRepository,
  compareLogPositions,
  LogPosition,
  ReadModelNotCaughtUp,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import { Cart } from '../../libs/event-sourcing/src/testing/cart.fixture-spec';
import { CartItemsProjection, databaseKinds, Kernel, rows, startKernel } from './kernel-harness';

const meta = { correlation_id: 'test' };

async function addItems(kernel: Kernel, carts: number, perCart: number): Promise<LogPosition> {
  const repository = new AggregateRepository(Cart, kernel.store, kernel.registry);
  let last: LogPosition | undefined;
  for (let c = 0; c < carts; c++) {
    const { position } = await repository.execute(
      `cart-${c}`,
      (cart) => {
        for (let i = 0; i < perCart; i++) cart.add(`sku-${i}`, 1);
      },
      meta,
    );
    last = position;
  }
  return last as LogPosition;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

async function checkpointOf(kernel: Kernel, name: string): Promise<string> {
  const [row] = await rows<{ p: string }>(
    kernel.pool,
    `SELECT commit_position || '/' || prepare_position AS p FROM subscription_checkpoints WHERE name = '${name}'`,
  );
  return row?.p ?? 'none';
}

describe.each(databaseKinds())('projections on %s', (kind) => {
  let kernel: Kernel;
  beforeEach(async () => {
    kernel = await startKernel(kind);
  });
  afterEach(async () => {
    await kernel.close();
  });

  it('applies every event once and resumes from its checkpoint after a restart', async () => {
    const first = kernel.newHost();
    first.registerProjection(new CartItemsProjection());
    first.startAll();
    const position = await addItems(kernel, 5, 3);
    await new ReadModelWaiter(first.progress).waitFor(position, ['cart-items']);
    await first.onModuleDestroy();

    const afterStop = await addItems(kernel, 2, 2); // carts 0 and 1 get 2 more each
    const second = kernel.newHost();
    second.registerProjection(new CartItemsProjection());
    second.startAll();
    await new ReadModelWaiter(second.progress).waitFor(afterStop, ['cart-items']);

    const items = await rows<{ cart: string; items: number }>(
      kernel.pool,
      'SELECT * FROM cart_items ORDER BY cart',
    );
    expect(items.map((r) => [r.cart, r.items])).toEqual([
      ['cart-0', 5],
      ['cart-1', 5],
      ['cart-2', 3],
      ['cart-3', 3],
      ['cart-4', 3],
    ]);
    const applied = await rows<{ n: string; max: number }>(
      kernel.pool,
      'SELECT count(*) AS n, max(applied) AS max FROM cart_applications',
    );
    expect(applied[0]).toEqual({ n: '19', max: 1 });
  });

  it('a batch that fails midway leaves neither rows nor checkpoint, and is retried, not skipped', async () => {
    const host = kernel.newHost();
    const projection = new CartItemsProjection('cart-items', 10);
    let refusals = 0;
    projection.failOn = (envelope) => envelope.revision === 3n && ++refusals <= 3;
    host.registerProjection(projection);
    const position = await addItems(kernel, 1, 8);
    host.startAll();
    await until(async () => refusals >= 2);
    expect(await rows(kernel.pool, 'SELECT * FROM cart_items')).toEqual([]);
    expect(await rows(kernel.pool, 'SELECT * FROM cart_applications')).toEqual([]);
    expect(await checkpointOf(kernel, 'cart-items')).toBe('0/0');

    await new ReadModelWaiter(host.progress).waitFor(position, ['cart-items'], 10_000);
    expect(refusals).toBe(4);
    expect(await rows(kernel.pool, 'SELECT cart, items FROM cart_items')).toEqual([
      { cart: 'cart-0', items: 8 },
    ]);
    const [applied] = await rows<{ n: string; max: number }>(
      kernel.pool,
      'SELECT count(*) AS n, max(applied) AS max FROM cart_applications',
    );
    expect(applied).toEqual({ n: '8', max: 1 });
  });

  it('read-your-writes waits for the projection, and answers 503 when it does not catch up', async () => {
    const host = kernel.newHost();
    host.registerProjection(new CartItemsProjection());
    const waiter = new ReadModelWaiter(host.progress);
    const position = await addItems(kernel, 1, 2);
    const waiting = waiter.waitFor(position, ['cart-items'], 300);
    await expect(waiting).rejects.toBeInstanceOf(ReadModelNotCaughtUp);
    await expect(waiter.waitFor(position, ['cart-items'], 10)).rejects.toMatchObject({
      status: 503,
    });

    host.startAll();
    const started = Date.now();
    await waiter.waitFor(position, ['cart-items'], 5000);
    process.stdout.write(
      `[${kind}] read-your-writes caught up ${Date.now() - started} ms after start\n`,
    );
    expect(await rows(kernel.pool, 'SELECT cart, items FROM cart_items')).toEqual([
      { cart: 'cart-0', items: 2 },
    ]);
    const next = await addItems(kernel, 1, 1);
    const t0 = Date.now();
    await waiter.waitFor(next, ['cart-items'], 5000);
    const waited = Date.now() - t0;
    process.stdout.write(`[${kind}] read-your-writes on an idle runner: ${waited} ms\n`);
    expect(waited).toBeLessThan(5000);
  });

  it('a filtered-out event still moves the position read-your-writes waits on', async () => {
    const host = kernel.newHost();
    host.registerProjection(new CartItemsProjection());
    host.startAll();
    const { position } = await kernel.store.appendToStream(
      'other-1',
      [
        kernel.registry.toAppend(
          new (await import('../../libs/event-sourcing/src/testing/cart.fixture-spec')).ItemAdded({
            sku: 'x',
            quantity: 1,
          }),
          meta,
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    await new ReadModelWaiter(host.progress).waitFor(position, ['cart-items'], 5000);
    expect(compareLogPositions(host.progress.position('cart-items') ?? position, position)).toBe(0);
    expect(await rows(kernel.pool, 'SELECT * FROM cart_items')).toEqual([]);
  });

  it('runs one active runner per subscription across hosts', async () => {
    if (kind === 'pglite') return; // one session behind the socket: every advisory lock succeeds
    const a = kernel.newHost();
    const b = kernel.newHost();
    a.registerProjection(new CartItemsProjection());
    b.registerProjection(new CartItemsProjection());
    a.startAll();
    await until(async () => a.runner('cart-items')?.state === 'active');
    b.startAll();
    await until(async () => b.runner('cart-items')?.state === 'standby');
    const position = await addItems(kernel, 3, 2);
    await new ReadModelWaiter(a.progress).waitFor(position, ['cart-items']);
    await a.onModuleDestroy();
    await until(async () => b.runner('cart-items')?.state === 'active');
    const later = await addItems(kernel, 1, 1);
    await new ReadModelWaiter(b.progress).waitFor(later, ['cart-items']);
    const [applied] = await rows<{ n: string; max: number }>(
      kernel.pool,
      'SELECT count(*) AS n, max(applied) AS max FROM cart_applications',
    );
    expect(applied).toEqual({ n: '7', max: 1 });
    expect(randomUUID()).toBeDefined();
  });
});
