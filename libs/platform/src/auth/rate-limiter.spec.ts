import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst of rps, then refuses with the seconds to wait, then refills with time', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 400;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('is off at 0', () => {
    expect(new RateLimiter(0).enabled).toBe(false);
  });
});
