import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock, SETTINGS, Settings } from '@blocx/platform';
import { AttemptOutcome, judgeRound, succeeded } from '../domain/delivery-round';
import { WebhookSecrets } from '../secrets/webhook-secrets';
import { WebhookTarget, WebhookTargets } from '../webhook-targets.port';
import { ClaimedDelivery, DeliveryStore } from './delivery-store';
import { WebhookPoster } from './webhook-poster';

const CLAIM_BATCH = 64;
const POLL_MS = 250;

/**
 * Delivers due jobs: a round is the primary URL, then the failover URL when the primary failed,
 * both read from the profile at that moment. Several instances share the work through the store's
 * SKIP LOCKED claims; a crash mid-round leaves the job to be claimed again when its lease ends.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: DeliveryStore,
    private readonly targets: WebhookTargets,
    private readonly secrets: WebhookSecrets,
    private readonly poster: WebhookPoster,
    private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** Work now: called when a job is enqueued or retried in this process. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  @Interval(POLL_MS)
  poll(): void {
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const due = await this.store.claimDue(this.clock.now(), CLAIM_BATCH);
        if (due.length === 0 || this.stopped) return;
        await Promise.all(due.map((delivery) => this.deliverOrLeave(delivery)));
      }
    } catch (error) {
      this.logger.error({ err: error }, 'webhook delivery pass failed; retrying on the next poll');
    }
  }

  /** One broken job must not hold up the others: it keeps its lease and is tried again after it. */
  private async deliverOrLeave(delivery: ClaimedDelivery): Promise<void> {
    try {
      await this.deliver(delivery);
    } catch (error) {
      this.logger.error(
        { err: error, deliveryId: delivery.id },
        'webhook delivery failed unexpectedly',
      );
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const target = await this.targets.current(delivery.accountId, delivery.messagingProfileId);
    const urls = this.urlsFor(delivery, target);
    const secrets = await this.secrets.signing(
      delivery.accountId,
      delivery.messagingProfileId,
      this.clock.now(),
    );
    const outcomes: AttemptOutcome[] = [];
    let ordinal = delivery.attemptCount;
    for (const url of urls) {
      ordinal += 1;
      const outcome = await this.poster.post(
        url,
        delivery.eventId,
        this.body(delivery, ordinal, url),
        secrets,
      );
      await this.store.recordAttempt(delivery.id, ordinal, outcome);
      outcomes.push(outcome);
      if (succeeded(outcome)) break;
    }
    const now = this.clock.now();
    const verdict =
      urls.length === 0
        ? {
            status: 'failed' as const,
            failedRounds: delivery.failedRounds,
            nextAttemptAt: undefined,
          }
        : judgeRound(outcomes, delivery.failedRounds, this.settings.webhookRetryScheduleMs, now);
    await this.store.finishRound(delivery.id, verdict, now);
  }

  /** No URL, or the profile stopped subscribing to this event: nothing to try. */
  private urlsFor(delivery: ClaimedDelivery, target: WebhookTarget | undefined): string[] {
    if (!target?.webhookUrl || !target.events.includes(delivery.eventType)) return [];
    return target.failoverUrl ? [target.webhookUrl, target.failoverUrl] : [target.webhookUrl];
  }

  private body(delivery: ClaimedDelivery, attempt: number, url: string): string {
    return JSON.stringify({
      data: {
        record_type: 'event',
        id: delivery.eventId,
        event_type: delivery.eventType,
        occurred_at: delivery.occurredAt.toISOString(),
        payload: delivery.payload,
      },
      meta: { attempt, delivered_to: url },
    });
  }
}
