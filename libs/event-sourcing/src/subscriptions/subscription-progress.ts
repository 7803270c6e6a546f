import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { compareLogPositions, LogPosition } from '../event-store.port';

/**
 * How far each subscription has processed the log, as this process knows it: reported by the
 * runners after every batch (and by standby runners from the table), read by the waiter and metrics.
 */
@Injectable()
export class SubscriptionProgress {
  private readonly positions = new Map<string, LogPosition>();
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  /** Not monotonic: a rebuild's swap may move a checkpoint back to where its tables are. */
  report(name: string, position: LogPosition): void {
    const known = this.positions.get(name);
    if (known !== undefined && compareLogPositions(known, position) === 0) return;
    this.positions.set(name, position);
    this.events.emit('progress', name);
  }

  position(name: string): LogPosition | undefined {
    return this.positions.get(name);
  }

  names(): string[] {
    return [...this.positions.keys()];
  }

  onProgress(listener: (name: string) => void): () => void {
    this.events.on('progress', listener);
    return () => this.events.off('progress', listener);
  }
}
