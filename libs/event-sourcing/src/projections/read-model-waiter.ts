import { Injectable } from '@nestjs/common';
import { DomainError } from '@blocx/platform';
import { compareLogPositions, LogPosition } from '../event-store.port';
import { SubscriptionProgress } from '../subscriptions/subscription-progress';

/** 503: the read models did not catch up with a write in time; the write itself did happen. */
export class ReadModelNotCaughtUp extends DomainError {
  constructor(
    readonly projections: string[],
    timeoutMs: number,
  ) {
    super(
      503,
      'read_model_lagging',
      'Service unavailable',
      `The change was saved, but ${projections.join(', ')} did not show it within ${timeoutMs} ms; read it again shortly`,
    );
  }
}

export const DEFAULT_READ_YOUR_WRITES_MS = 5000;

/**
 * Read-your-writes: a write endpoint waits until the projections it reads have passed the
 * position of its events. Woken by the runners' progress reports, never by polling.
 */
@Injectable()
export class ReadModelWaiter {
  constructor(private readonly progress: SubscriptionProgress) {}

  /** True when every named projection has processed the log up to `position`. */
  caughtUp(position: LogPosition, projections: string[]): boolean {
    return projections.every((name) => {
      const at = this.progress.position(name);
      return at !== undefined && compareLogPositions(at, position) >= 0;
    });
  }

  async waitFor(
    position: LogPosition | undefined,
    projections: string[],
    timeoutMs = DEFAULT_READ_YOUR_WRITES_MS,
  ): Promise<void> {
    if (position === undefined || this.caughtUp(position, projections)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        const behind = projections.filter((name) => !this.caughtUp(position, [name]));
        reject(new ReadModelNotCaughtUp(behind, timeoutMs));
      }, timeoutMs);
      const stopListening = this.progress.onProgress((name) => {
        if (projections.includes(name) && this.caughtUp(position, projections)) {
          stop();
          resolve();
        }
      });
      function stop(): void {
        clearTimeout(timer);
        stopListening();
      }
    });
  }
}
