import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchProcessor,
  causedBy,
  deterministicId,
  EventEnvelope,
  Processor,
} from '@blocx/event-sourcing';
import {
  CartCheckedOut,
  CartOpened,
  ItemAdded,
} from '../../libs/event-sourcing/src/testing/cart.fixture-spec';
import { databaseKinds, Kernel, startKernel } from './kernel-harness';

/** One link of a chain: on `trigger`, append `next` to the same stream, idempotently. */
class ChainStep extends Processor {
  handled: string[] = [];

  constructor(
    readonly name: string,
    private readonly kernel: Kernel,
    private readonly triggers: (envelope: EventEnvelope) => boolean,
    private readonly next: () => ItemAdded | CartCheckedOut,
  ) {
    super();
  }

  override readonly filter = { streamPrefixes: ['cart-'] };

  async handle(envelope: EventEnvelope): Promise<void> {
    if (!this.triggers(envelope)) return;
    const event = this.kernel.registry.toAppend(
      this.next(),
      causedBy(envelope),
      deterministicId(envelope, this.name),
    );
    await this.kernel.store.appendToStream(envelope.streamId, [event], { expectedRevision: 'any' });
    this.handled.push(envelope.id);
  }
}

const sku = (envelope: EventEnvelope) =>
  envelope.event instanceof ItemAdded ? envelope.event.data.sku : undefined;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await sleep(1);
  }
}

describe.each(databaseKinds())('processors on %s', (kind) => {
  let kernel: Kernel;
  beforeEach(async () => {
    kernel = await startKernel(kind);
  });
  afterEach(async () => {
    await kernel.close();
  });

  function chain(): ChainStep[] {
    return [
      new ChainStep(
        'chain-1',
        kernel,
        (e) => e.event instanceof CartOpened,
        () => new ItemAdded({ sku: 'one', quantity: 1 }),
      ),
      new ChainStep(
        'chain-2',
        kernel,
        (e) => sku(e) === 'one',
        () => new ItemAdded({ sku: 'two', quantity: 1 }),
      ),
      new ChainStep(
        'chain-3',
        kernel,
        (e) => sku(e) === 'two',
        () => new CartCheckedOut({ items: 2, checkedOutAt: '2025-01-01T00:00:00.000Z' }),
      ),
    ];
  }

  it('a chain of three reactions on an idle service finishes well inside a second', async () => {
    const host = kernel.newHost();
    const steps = chain();
    steps.forEach((step) => host.registerProcessor(step));
    host.startAll();
    await until(() => steps.every((s) => host.runner(s.name)?.state === 'active'), 5000);
    await sleep(600); // idle: every subscription has polled empty and sleeps

    const figures: number[] = [];
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      const opened = new CartOpened({ cartId: `r${round}`, openedAt: '2025-01-01T00:00:00.000Z' });
      await kernel.store.appendToStream(`cart-r${round}`, [kernel.registry.toAppend(opened, {})], {
        expectedRevision: 'no_stream',
      });
      await until(() => steps[2].handled.length === round + 1, 5000);
      const stream = await kernel.store.readStream(`cart-r${round}`);
      figures.push(performance.now() - started);
      expect(stream.map((e) => e.type)).toEqual([
        'CartOpened',
        'ItemAdded',
        'ItemAdded',
        'CartCheckedOut',
      ]);
      expect(stream[3].metadata).toMatchObject({
        causation_id: stream[2].id,
        correlation_id: stream[0].id,
      });
      await sleep(300);
    }
    process.stdout.write(
      `[${kind}] chain of three reactions: ${figures.map((ms) => ms.toFixed(1)).join(' ms, ')} ms\n`,
    );
    expect(Math.max(...figures)).toBeLessThan(5000);
  });

  it('a processor that fails is retried from its checkpoint, in order, nothing skipped', async () => {
    const seen: string[] = [];
    let failures = 0;
    class Flaky extends Processor {
      readonly name = 'flaky';
      async handle(envelope: EventEnvelope): Promise<void> {
        if (sku(envelope) === 'b' && failures < 2) {
          failures++;
          throw new Error('carrier unavailable');
        }
        seen.push(sku(envelope) ?? envelope.type);
      }
    }
    const host = kernel.newHost();
    host.registerProcessor(new Flaky());
    const events = ['a', 'b', 'c'].map((s) =>
      kernel.registry.toAppend(new ItemAdded({ sku: s, quantity: 1 }), {}),
    );
    await kernel.store.appendToStream('cart-f', events, { expectedRevision: 'no_stream' });
    host.startAll();
    await until(() => seen.length === 3, 10_000);
    expect(failures).toBe(2);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('a batch processor takes many events at once; a failing batch comes again whole, then the checkpoint moves past it', async () => {
    const batches: string[][] = [];
    let failures = 0;
    class Batched extends BatchProcessor {
      readonly name = 'batched';
      override readonly filter = { streamPrefixes: ['cart-'] };
      async handleBatch(envelopes: EventEnvelope[]): Promise<void> {
        const skus = envelopes.map((envelope) => sku(envelope) ?? envelope.type);
        batches.push(skus);
        if (skus.includes('b') && failures < 1) {
          failures++;
          throw new Error('carrier unavailable');
        }
      }
    }
    const events = ['a', 'b', 'c', 'd'].map((s) =>
      kernel.registry.toAppend(new ItemAdded({ sku: s, quantity: 1 }), {}),
    );
    await kernel.store.appendToStream('cart-batch', events, { expectedRevision: 'no_stream' });
    const host = kernel.newHost();
    host.registerProcessor(new Batched());
    host.startAll();
    await until(() => batches.flat().filter((s) => s === 'd').length === 2, 10_000);
    expect(batches).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd'],
    ]);
    const last = (await kernel.store.readStream('cart-batch'))[3].position;
    await until(() => host.progress.position('batched')?.prepare === last.prepare, 5000);
    expect((await host.checkpoints.load('batched')).position).toEqual(last);
  });

  /**
   * A batch processor on cart-<name> storing its checkpoint lazily, an append to its stream, and
   * `run()`: a host running it.
   */
  function lazyProcessor(name: string, checkpointEveryMs: number) {
    const handled: string[] = [];
    class Lazy extends BatchProcessor {
      readonly name = name;
      override readonly filter = { streamPrefixes: [`cart-${name}`] };
      override readonly checkpointEveryMs = checkpointEveryMs;
      async handleBatch(envelopes: EventEnvelope[]): Promise<void> {
        handled.push(...envelopes.map((envelope) => sku(envelope) ?? envelope.type));
      }
    }
    const add = async (item: string, expectedRevision: bigint | 'no_stream') => {
      const event = kernel.registry.toAppend(new ItemAdded({ sku: item, quantity: 1 }), {});
      return (await kernel.store.appendToStream(`cart-${name}`, [event], { expectedRevision }))
        .position;
    };
    const run = () => {
      const host = kernel.newHost();
      host.registerProcessor(new Lazy());
      host.startAll();
      return host;
    };
    return { handled, add, run };
  }

  it('a batch processor stores its checkpoint at most every checkpointEveryMs, and what it handled when it stops', async () => {
    const { handled, add, run } = lazyProcessor('lazy', 60_000);
    const host = run();
    const first = await add('a', 'no_stream');
    await until(() => handled.length === 1, 5000);
    await until(() => host.progress.position('lazy')?.prepare === first.prepare, 5000);
    // The first batch of a run stores its checkpoint; the next ones, within the minute, do not.
    expect((await host.checkpoints.load('lazy')).position).toEqual(first);
    const second = await add('b', 0n);
    await until(() => handled.length === 2, 5000);
    await until(() => host.progress.position('lazy')?.prepare === second.prepare, 5000);
    expect((await host.checkpoints.load('lazy')).position).toEqual(first);

    await host.onModuleDestroy();
    expect((await host.checkpoints.load('lazy')).position).toEqual(second);
    // The next run starts after what was handled: nothing twice.
    run();
    await add('c', 1n);
    await until(() => handled.length === 3, 5000);
    await sleep(200);
    expect(handled).toEqual(['a', 'b', 'c']);
  });

  it('a batch processor whose log went quiet stores what it handled checkpointEveryMs after the last store', async () => {
    const { handled, add, run } = lazyProcessor('quiet', 1500);
    const host = run();
    const first = await add('a', 'no_stream');
    await until(() => handled.length === 1, 5000);
    const second = await add('b', 0n);
    await until(() => handled.length === 2, 5000);
    const storedAfterB = Date.now();
    expect((await host.checkpoints.load('quiet')).position).toEqual(first);
    // Nothing else comes; the checkpoint follows anyway.
    const deadline = Date.now() + 5000;
    while ((await host.checkpoints.load('quiet')).position.prepare !== second.prepare) {
      if (Date.now() > deadline) throw new Error('the checkpoint did not follow');
      await sleep(50);
    }
    expect(Date.now() - storedAfterB).toBeLessThan(4000);
    expect(handled).toEqual(['a', 'b']);
  });

  it('a redelivered event issues the same append, which the store recognises', async () => {
    const host = kernel.newHost();
    const steps = chain();
    steps.forEach((step) => host.registerProcessor(step));
    const opened = kernel.registry.toAppend(new CartOpened({ cartId: 'd', openedAt: 'x' }), {});
    await kernel.store.appendToStream('cart-d', [opened], { expectedRevision: 'no_stream' });
    const [recorded] = await kernel.store.readStream('cart-d');
    // The first step handles the event twice (as after a crash before its checkpoint moved).
    await steps[0].handle({ ...recorded, event: kernel.registry.revive(recorded) });
    await steps[0].handle({ ...recorded, event: kernel.registry.revive(recorded) });
    expect((await kernel.store.readStream('cart-d')).map((e) => e.type)).toEqual([
      'CartOpened',
      'ItemAdded',
    ]);
  });
});
