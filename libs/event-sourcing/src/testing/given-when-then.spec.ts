import { Cart, CartCheckedOut, CartClosed, CartOpened, ItemAdded } from './cart.fixture-spec';
import { given } from './given-when-then';

const at = new Date('2025-01-02T03:04:05.000Z');
const opened = new CartOpened({ cartId: 'c1', openedAt: at.toISOString() });

describe('given / when / then', () => {
  it('passes when the decision records the expected events', () => {
    given(Cart, [opened])
      .when((cart) => cart.add('sku-1', 2))
      .then([new ItemAdded({ sku: 'sku-1', quantity: 2 })]);
  });

  it('replays the history before deciding', () => {
    given(Cart, [opened, new ItemAdded({ sku: 'a', quantity: 3 })])
      .when((cart) => cart.checkOut(at))
      .then([new CartCheckedOut({ items: 3, checkedOutAt: at.toISOString() })]);
  });

  it('passes with no events when the decision is a no-op', () => {
    const cart = given(Cart, [opened])
      .when((c) => c.start('c1', at))
      .then([]);
    expect(cart.revision).toBe(0n);
  });

  it('fails when the data differs', () => {
    expect(() =>
      given(Cart, [opened])
        .when((cart) => cart.add('sku-1', 2))
        .then([new ItemAdded({ sku: 'sku-1', quantity: 3 })]),
    ).toThrow(/quantity/);
  });

  it('fails when the event type differs', () => {
    expect(() =>
      given(Cart, [opened])
        .when((cart) => cart.add('sku-1', 2))
        .then([new CartCheckedOut({ items: 2, checkedOutAt: at.toISOString() })]),
    ).toThrow(/ItemAdded/);
  });

  it('fails when more events are recorded than expected', () => {
    expect(() =>
      given(Cart, [])
        .when((cart) => {
          cart.start('c1', at);
          cart.add('a', 1);
        })
        .then([opened]),
    ).toThrow();
  });

  it('thenThrows accepts an error class or a predicate', () => {
    const closed = [opened, new CartCheckedOut({ items: 0, checkedOutAt: at.toISOString() })];
    given(Cart, closed)
      .when((cart) => cart.add('a', 1))
      .thenThrows(CartClosed);
    given(Cart, closed)
      .when((cart) => cart.add('a', 1))
      .thenThrows(
        (error) => error instanceof Error && error.message === 'Cart already checked out',
      );
  });

  it('thenThrows fails when the decision succeeds', () => {
    expect(() =>
      given(Cart, [opened])
        .when((cart) => cart.add('a', 1))
        .thenThrows(CartClosed),
    ).toThrow(/Expected the decision to throw, but it recorded .*ItemAdded/);
  });

  it('thenThrows fails on an error of another kind', () => {
    const closed = [opened, new CartCheckedOut({ items: 0, checkedOutAt: at.toISOString() })];
    expect(() =>
      given(Cart, closed)
        .when((cart) => cart.add('a', 1))
        .thenThrows(RangeError),
    ).toThrow(/RangeError/);
    expect(() =>
      given(Cart, closed)
        .when((cart) => cart.add('a', 1))
        .thenThrows(() => false),
    ).toThrow(/predicate/);
  });
});
