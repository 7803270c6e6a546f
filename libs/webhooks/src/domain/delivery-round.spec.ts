import { AttemptOutcome, judgeRound } from './delivery-round';

const now = new Date('2026-12-04T12:00:00Z');
const attempt = (statusCode: number | undefined, error?: string): AttemptOutcome => ({
  url: 'https://example.com/hook',
  statusCode,
  error,
  durationMs: 5,
  at: now,
});

describe('judgeRound', () => {
  const schedule = [5_000, 300_000];

  it('is delivered when the primary or the failover answered 2xx', () => {
    expect(judgeRound([attempt(204)], 0, schedule, now).status).toBe('delivered');
    expect(judgeRound([attempt(500), attempt(200)], 1, schedule, now)).toEqual({
      status: 'delivered',
      failedRounds: 1,
      nextAttemptAt: undefined,
    });
  });

  it('schedules the next delay after a failed round', () => {
    expect(
      judgeRound([attempt(500), attempt(undefined, 'ECONNREFUSED')], 0, schedule, now),
    ).toEqual({
      status: 'pending',
      failedRounds: 1,
      nextAttemptAt: new Date('2026-12-04T12:00:05Z'),
    });
    expect(judgeRound([attempt(302)], 1, schedule, now).nextAttemptAt).toEqual(
      new Date('2026-12-04T12:05:00Z'),
    );
  });

  it('fails once the schedule is exhausted', () => {
    expect(judgeRound([attempt(503)], 2, schedule, now)).toEqual({
      status: 'failed',
      failedRounds: 3,
      nextAttemptAt: undefined,
    });
    expect(judgeRound([attempt(503)], 0, [], now).status).toBe('failed');
  });
});
