import {
  AggregateRepository,
  LogPosition,
  ProjectionNotFound,
  ProjectionRebuilder,
  ProjectionStatuses,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import { Cart } from '../../libs/event-sourcing/src/testing/cart.fixture-spec';
import { CartItemsProjection, databaseKinds, Kernel, rows, startKernel } from './kernel-harness';

async function addItems(kernel: Kernel, from: number, carts: number): Promise<LogPosition> {
  const repository = new AggregateRepository(Cart, kernel.store, kernel.registry);
  let last: LogPosition | undefined;
  for (let c = from; c < from + carts; c++) {
    const { position } = await repository.execute(
      `cart-${c % 7}`,
      (cart) => cart.add(`sku-${c}`, (c % 3) + 1),
      { correlation_id: 'rebuild-test' },
    );
    last = position;
  }
  return last as LogPosition;
}

const snapshot = (kernel: Kernel) =>
  rows<{ cart: string; items: number }>(
    kernel.pool,
    'SELECT cart, items FROM cart_items ORDER BY cart',
  );

/** The read model computed straight from the log, to compare a projection with. */
const fromLog = (kernel: Kernel) =>
  rows<{ cart: string; items: number }>(
    kernel.pool,
    `SELECT stream_id AS cart, sum((data->>'quantity')::int)::int AS items FROM events
     WHERE stream_id LIKE 'cart-%' GROUP BY stream_id ORDER BY stream_id`,
  );

describe.each(databaseKinds())('rebuild on %s', (kind) => {
  let kernel: Kernel;
  beforeEach(async () => {
    kernel = await startKernel(kind);
  });
  afterEach(async () => {
    await kernel.close();
  });

  function start() {
    const host = kernel.newHost();
    host.registerProjection(new CartItemsProjection());
    host.startAll();
    const rebuilder = new ProjectionRebuilder(kernel.pool, kernel.store, kernel.registry, host);
    const statuses = new ProjectionStatuses(host, kernel.store, rebuilder);
    return { host, rebuilder, statuses, waiter: new ReadModelWaiter(host.progress) };
  }

  it('rebuilds into shadow tables and swaps in a read model equal to the live one', async () => {
    const { rebuilder, statuses, waiter } = start();
    await waiter.waitFor(await addItems(kernel, 0, 60), ['cart-items']);
    const live = await snapshot(kernel);
    expect(live).toEqual(await fromLog(kernel));

    const report = await rebuilder.rebuild('cart-items');
    expect(report.events).toBe(60);
    expect(await snapshot(kernel)).toEqual(live);
    const tables = await rows<{ t: string }>(
      kernel.pool,
      `SELECT tablename AS t FROM pg_tables WHERE tablename LIKE 'cart_%' ORDER BY 1`,
    );
    expect(tables.map((r) => r.t)).toEqual(['cart_applications', 'cart_items']);
    const [state] = await statuses.list();
    expect(state).toMatchObject({ name: 'cart-items', lag: 0, status: 'live' });
  });

  it('keeps serving reads and loses nothing written during the rebuild', async () => {
    const { waiter } = start();
    // The rebuild runs elsewhere (as the CLI does): the live runner learns of the swap by itself.
    const elsewhere = kernel.newHost();
    elsewhere.registerProjection(new CartItemsProjection());
    const rebuilder = new ProjectionRebuilder(
      kernel.pool,
      kernel.store,
      kernel.registry,
      elsewhere,
    );
    await waiter.waitFor(await addItems(kernel, 0, 40), ['cart-items']);
    const rebuild = rebuilder.rebuild('cart-items');
    const [last, reads] = await Promise.all([
      addItems(kernel, 40, 40),
      (async () => {
        const counts: number[] = [];
        for (let i = 0; i < 10; i++) counts.push((await snapshot(kernel)).length);
        return counts;
      })(),
    ]);
    await rebuild;
    await waiter.waitFor(last, ['cart-items'], 10_000);
    expect(reads.every((count) => count === 7)).toBe(true);
    expect(await snapshot(kernel)).toEqual(await fromLog(kernel));
    const [applied] = await rows<{ n: string; max: number }>(
      kernel.pool,
      'SELECT count(*) AS n, max(applied) AS max FROM cart_applications',
    );
    expect(applied).toEqual({ n: '80', max: 1 });
  });

  it('answers 404 for an unknown projection', async () => {
    const { rebuilder } = start();
    await expect(rebuilder.start('nope')).rejects.toBeInstanceOf(ProjectionNotFound);
    await expect(rebuilder.start('nope')).rejects.toMatchObject({
      status: 404,
      code: 'projection_not_found',
    });
  });
});
