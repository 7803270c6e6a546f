import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { Metrics } from '@blocx/platform';
import { EventStore, LogPosition } from '../event-store.port';
import { SubscriptionProgress } from './subscription-progress';

/** Events (log units on EventStoreDB) between a subscription's position and the head of the log. */
export function lagBetween(position: LogPosition | undefined, head: LogPosition): number {
  const behind = head.prepare - (position?.prepare ?? 0n);
  return behind > 0n ? Number(behind) : 0;
}

/** Position and lag of every subscription, read at scrape time. */
export function registerSubscriptionMetrics(
  registry: Registry,
  progress: SubscriptionProgress,
  store: EventStore,
): void {
  new Gauge({
    name: 'blocx_subscription_position',
    help: 'Global log position (prepare) a subscription has processed up to',
    labelNames: ['subscription'],
    registers: [registry],
    collect() {
      for (const name of progress.names()) {
        this.set({ subscription: name }, Number(progress.position(name)?.prepare ?? 0n));
      }
    },
  });
  new Gauge({
    name: 'blocx_subscription_lag',
    help: 'Events between the head of the log and a subscription position',
    labelNames: ['subscription'],
    registers: [registry],
    async collect() {
      // A scrape must not fail because the store is briefly unreachable; /health reports that.
      const head = await store.headPosition().catch(() => undefined);
      if (head === undefined) return;
      for (const name of progress.names()) {
        this.set({ subscription: name }, lagBetween(progress.position(name), head));
      }
    },
  });
}

@Injectable()
export class SubscriptionMetrics {
  constructor(metrics: Metrics, progress: SubscriptionProgress, store: EventStore) {
    registerSubscriptionMetrics(metrics.registry, progress, store);
  }
}
