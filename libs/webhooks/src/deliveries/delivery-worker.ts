import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock, SETTINGS, Settings } from '@blocx/platform';
import { AttemptOutcome, judgeRound, succeeded } from '../domain/delivery-round';
import { WebhookSecrets } from '../secrets/webhook-secrets';
import { WebhookTarget, WebhookTargets } from '../webhook-targets.port';
import { ClaimedDelivery, DeliveryStore, FinishedRound } from './delivery-store';
import { WebhookPoster } from './webhook-poster';

const CLAIM_BATCH = 128;
const POLL_MS = 250;

/**
 * Delivers due jobs: a round is the primary URL, then the failover URL when the primary failed,
 * both read from the profile at that moment. Several instances share the work through the store's
 * SKIP LOCKED claims; a crash mid-round leaves the job to be claimed again when its lease ends.
 */
interface ProfileSnapshot {
  target: WebhookTarget | undefined;
  secrets: string[];
}

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
        const profiles = new Map<string, Promise<ProfileSnapshot>>();
        const rounds = await Promise.all(
          due.map((delivery) => this.roundOrLeave(delivery, profiles)),
        );
        await this.store.finishRounds(
          rounds.filter((round): round is FinishedRound => round !== undefined),
          this.clock.now(),
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'webhook delivery pass failed; retrying on the next poll');
    }
  }

  /** One broken job must not hold up the others: it keeps its lease and is tried again after it. */
  private async roundOrLeave(
    delivery: ClaimedDelivery,
    profiles: Map<string, Promise<ProfileSnapshot>>,
  ): Promise<FinishedRound | undefined> {
    try {
      const key = `${delivery.accountId}/${delivery.messagingProfileId}`;
      if (!profiles.has(key)) profiles.set(key, this.snapshot(delivery));
      return await this.round(delivery, await (profiles.get(key) as Promise<ProfileSnapshot>));
    } catch (error) {
      this.logger.error(
        { err: error, deliveryId: delivery.id },
        'webhook delivery failed unexpectedly',
      );
      return undefined;
    }
  }

  /** The profile's URLs and secrets as they are now, read once per profile per batch. */
  private async snapshot(delivery: ClaimedDelivery): Promise<ProfileSnapshot> {
    const [target, secrets] = await Promise.all([
      this.targets.current(delivery.accountId, delivery.messagingProfileId),
      this.secrets.signing(delivery.accountId, delivery.messagingProfileId, this.clock.now()),
    ]);
    return { target, secrets };
  }

  private async round(delivery: ClaimedDelivery, profile: ProfileSnapshot): Promise<FinishedRound> {
    const urls = this.urlsFor(delivery, profile.target);
    const firstOrdinal = delivery.attemptCount + 1;
    const attempts: AttemptOutcome[] = [];
    for (const url of urls) {
      const body = this.body(delivery, firstOrdinal + attempts.length, url);
      const outcome = await this.poster.post(url, delivery.eventId, body, profile.secrets);
      attempts.push(outcome);
      if (succeeded(outcome)) break;
    }
    const verdict =
      urls.length === 0
        ? {
            status: 'failed' as const,
            failedRounds: delivery.failedRounds,
            nextAttemptAt: undefined,
          }
        : judgeRound(
            attempts,
            delivery.failedRounds,
            this.settings.webhookRetryScheduleMs,
            this.clock.now(),
          );
    return { deliveryId: delivery.id, firstOrdinal, attempts, verdict };
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
