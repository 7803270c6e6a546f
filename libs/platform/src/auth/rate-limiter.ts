/** A token bucket per key: `rps` requests per second, bursts up to `rps`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; refilledAt: number }>();

  constructor(
    private readonly rps: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.rps > 0;
  }

  /** Takes one token; answers the seconds to wait when none is left. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.rps, refilledAt: now };
    bucket.tokens = Math.min(
      this.rps,
      bucket.tokens + ((now - bucket.refilledAt) / 1000) * this.rps,
    );
    bucket.refilledAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rps)),
    };
  }
}
