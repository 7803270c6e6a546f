import { DomainEvent } from './domain-event';
import {
  EventRegistry,
  SCHEMA_VERSION,
  UnknownEventType,
  UnserialisableEventData,
} from './event-registry';
import { CartOpened, cartEvents } from '../testing/cart.fixture-spec';

class NumberPorted extends DomainEvent<{ e164: string; portedAt: string; carrier: string }> {
  static override readonly version = 3;
}

describe('EventRegistry', () => {
  const registry = new EventRegistry();
  registry.register(...cartEvents, NumberPorted);
  // v1 had `number`, v2 renamed it to `e164`, v3 added `carrier`.
  registry.addUpcaster((type, version, data) =>
    type === 'NumberPorted' && version === 1
      ? { e164: data.number, portedAt: data.portedAt }
      : data,
  );
  registry.addUpcaster((type, version, data) =>
    type === 'NumberPorted' && version === 2 ? { ...data, carrier: 'unknown' } : data,
  );

  it('stores the class name as the type and the schema version in the metadata', () => {
    const stored = registry.toAppend(
      new CartOpened({ cartId: 'c', openedAt: '2025-01-01T00:00:00.000Z' }),
      {
        correlation_id: 'corr',
      },
    );
    expect(stored).toMatchObject({
      type: 'CartOpened',
      data: { cartId: 'c', openedAt: '2025-01-01T00:00:00.000Z' },
      metadata: { correlation_id: 'corr', [SCHEMA_VERSION]: 1 },
    });
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('revives stored JSON as an instance of its class', () => {
    const revived = registry.revive({
      type: 'CartOpened',
      data: { cartId: 'c', openedAt: 'x' },
      metadata: {},
    });
    expect(revived).toBeInstanceOf(CartOpened);
    expect(revived.data).toEqual({ cartId: 'c', openedAt: 'x' });
  });

  it('upcasts old versions step by step to the current one', () => {
    const v1 = { type: 'NumberPorted', data: { number: '+15550100', portedAt: 't' }, metadata: {} };
    expect(registry.revive(v1).data).toEqual({
      e164: '+15550100',
      portedAt: 't',
      carrier: 'unknown',
    });
    const v2 = { ...v1, data: { e164: '+1', portedAt: 't' }, metadata: { [SCHEMA_VERSION]: 2 } };
    expect(registry.revive(v2).data).toEqual({ e164: '+1', portedAt: 't', carrier: 'unknown' });
    const v3 = {
      ...v1,
      data: { e164: '+1', portedAt: 't', carrier: 'x' },
      metadata: { [SCHEMA_VERSION]: 3 },
    };
    expect(registry.revive(v3).data).toEqual({ e164: '+1', portedAt: 't', carrier: 'x' });
  });

  it('refuses unknown types and a second class with a taken name', () => {
    expect(() => registry.revive({ type: 'Nope', data: {}, metadata: {} })).toThrow(
      UnknownEventType,
    );
    const Impostor = class CartOpened extends DomainEvent<{ x: string }> {};
    expect(() => registry.register(Impostor)).toThrow(/unique/);
  });

  it('refuses data JSON would not carry back unchanged', () => {
    const sneaky = new CartOpened({ cartId: 'c', openedAt: 'x' });
    Object.assign(sneaky.data, { when: new Date() });
    expect(() => registry.toAppend(sneaky, {})).toThrow(UnserialisableEventData);
    Object.assign(sneaky.data, { when: 1n });
    expect(() => registry.toAppend(sneaky, {})).toThrow(/bigint/);
  });
});
