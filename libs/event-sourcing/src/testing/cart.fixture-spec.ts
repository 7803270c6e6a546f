import { DomainEvent } from '../aggregates/domain-event';
import { EventSourcedAggregate } from '../aggregates/event-sourced-aggregate';

/** A small aggregate for the kernel's own tests (excluded from the build by its name). */
export class CartOpened extends DomainEvent<{ cartId: string; openedAt: string }> {}
export class ItemAdded extends DomainEvent<{ sku: string; quantity: number }> {}
export class CartCheckedOut extends DomainEvent<{ items: number; checkedOutAt: string }> {}

export class CartClosed extends Error {
  constructor() {
    super('Cart already checked out');
  }
}

export class Cart extends EventSourcedAggregate {
  items = 0;
  open = false;
  closed = false;

  start(cartId: string, at: Date): void {
    if (this.open || this.closed) return;
    this.apply(new CartOpened({ cartId, openedAt: at.toISOString() }));
  }

  add(sku: string, quantity: number): void {
    if (this.closed) throw new CartClosed();
    this.apply(new ItemAdded({ sku, quantity }));
  }

  checkOut(at: Date): void {
    if (this.closed) throw new CartClosed();
    this.apply(new CartCheckedOut({ items: this.items, checkedOutAt: at.toISOString() }));
  }

  onCartOpened(): void {
    this.open = true;
  }

  onItemAdded(event: ItemAdded): void {
    this.items += event.data.quantity;
  }

  onCartCheckedOut(): void {
    this.closed = true;
  }
}

export const cartEvents = [CartOpened, ItemAdded, CartCheckedOut];
