import { Global, Injectable, Module } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import {
  HealthProbes,
  loadSettings,
  Metrics,
  PG_POOL,
  PG_SUBSCRIPTIONS_POOL,
  SETTINGS,
} from '@blocx/platform';
import { AggregateRepository, InjectAggregateRepository } from './aggregates';
import { EventStore } from './event-store.port';
import { EventSourcingModule } from './event-sourcing.module';
import { Cart, cartEvents, ItemAdded } from './testing/cart.fixture-spec';
import { InMemoryEventStore } from './testing/in-memory-event-store';

const seen: string[] = [];

@EventsHandler(ItemAdded)
class ItemAddedLogger implements IEventHandler<ItemAdded> {
  handle(event: ItemAdded): void {
    seen.push(event.data.sku);
  }
}

@Injectable()
class AddItem {
  constructor(@InjectAggregateRepository(Cart) readonly carts: AggregateRepository<Cart>) {}

  run(cartId: string, sku: string) {
    return this.carts.execute(`cart-${cartId}`, (cart) => cart.add(sku, 1), {
      correlation_id: 'c',
    });
  }
}

/** The platform pieces the kernel stands on; the pools are never connected (no projections here). */
@Global()
@Module({
  providers: [
    { provide: PG_POOL, useValue: new Pool() },
    { provide: PG_SUBSCRIPTIONS_POOL, useValue: new Pool() },
    {
      provide: SETTINGS,
      useValue: loadSettings({ ADMIN_API_KEY: 'x'.repeat(20), SECRET_KEY: 'a'.repeat(64) }),
    },
    { provide: HealthProbes, useValue: { register: () => undefined } },
    Metrics,
  ],
  exports: [PG_POOL, PG_SUBSCRIPTIONS_POOL, SETTINGS, HealthProbes, Metrics],
})
class PlatformStub {}

@Module({
  imports: [EventSourcingModule.forFeature({ events: cartEvents, aggregates: [Cart] })],
  providers: [AddItem, ItemAddedLogger],
})
class CartsModule {}

describe('EventSourcingModule.forFeature', () => {
  it('injects a repository per aggregate and publishes appended events in process', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformStub, EventSourcingModule.forRoot(), CartsModule],
    })
      .overrideProvider(EventStore)
      .useValue(new InMemoryEventStore())
      .compile();
    await moduleRef.init();
    const result = await moduleRef.get(AddItem).run('1', 'sku-9');
    expect(result.position).toBeDefined();
    const stored = await moduleRef.get(EventStore).readStream('cart-1');
    expect(stored.map((e) => e.type)).toEqual(['ItemAdded']);
    expect(seen).toEqual(['sku-9']);
    await moduleRef.close();
  });
});
