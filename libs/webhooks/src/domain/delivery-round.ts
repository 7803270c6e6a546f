/** One try of a delivery: the primary URL, then the failover URL when the primary failed. */
export interface AttemptOutcome {
  url: string;
  statusCode: number | undefined;
  error: string | undefined;
  durationMs: number;
  at: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface RoundVerdict {
  status: DeliveryStatus;
  failedRounds: number;
  /** When the next round is due (pending only). */
  nextAttemptAt: Date | undefined;
}

export function succeeded(outcome: AttemptOutcome): boolean {
  return outcome.statusCode !== undefined && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

/**
 * After a round: delivered on any 2xx; otherwise the next delay of the retry schedule, and
 * `failed` once the schedule is exhausted (a schedule of n delays allows n + 1 rounds).
 */
export function judgeRound(
  outcomes: AttemptOutcome[],
  failedRoundsBefore: number,
  retryScheduleMs: number[],
  now: Date,
): RoundVerdict {
  if (outcomes.some(succeeded)) {
    return { status: 'delivered', failedRounds: failedRoundsBefore, nextAttemptAt: undefined };
  }
  const failedRounds = failedRoundsBefore + 1;
  const delay = retryScheduleMs[failedRounds - 1];
  if (delay === undefined) return { status: 'failed', failedRounds, nextAttemptAt: undefined };
  return { status: 'pending', failedRounds, nextAttemptAt: new Date(now.getTime() + delay) };
}
