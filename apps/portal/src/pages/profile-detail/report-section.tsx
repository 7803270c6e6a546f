import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import type { ProfileReport } from '../../api/types';
import { ErrorNotice, Loading } from '../../components/notice';
import { DayCounts, ReportChart, ReportTable } from '../../components/report-chart';

const PERIODS = [7, 14, 30];

/** Local midnights for the last `count` days, oldest first, today last. */
function lastDays(count: number): Date[] {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(today);
    day.setDate(today.getDate() - (count - 1 - index));
    return day;
  });
}

/** The API reports one window at a time: one call per day, each day up to now at most. */
async function loadDays(profileId: string, days: Date[]): Promise<DayCounts[]> {
  const now = new Date();
  return Promise.all(
    days.map(async (day) => {
      const next = new Date(day);
      next.setDate(day.getDate() + 1);
      const to = next < now ? next : now;
      const path = `/messaging-profiles/${profileId}/report?from=${day.toISOString()}&to=${to.toISOString()}`;
      const { data } = await api<ProfileReport>('GET', path);
      return {
        day,
        delivered: data.outbound.delivered,
        failed: data.outbound.failed,
        blocked: data.outbound.blocked,
        received: data.inbound.received,
        opt_outs: data.opt_outs,
      };
    }),
  );
}

export function ReportSection({ profileId }: { profileId: string }) {
  const [period, setPeriod] = useState(7);
  const [days, setDays] = useState<DayCounts[]>();
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    loadDays(profileId, lastDays(period)).then(
      (loaded) => current && setDays(loaded),
      (caught: ApiError) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [profileId, period, tick]);

  return (
    <section aria-labelledby="report-title" class="card">
      <div class="section-head">
        <h2 id="report-title">Report</h2>
        <div class="inline-controls">
          <label for="report-period">Period</label>
          <select
            id="report-period"
            value={period}
            onChange={(e) => setPeriod(Number(e.currentTarget.value))}
          >
            {PERIODS.map((count) => (
              <option key={count} value={count}>
                Last {count} days
              </option>
            ))}
          </select>
          <button type="button" onClick={() => setTick(tick + 1)}>
            Refresh
          </button>
        </div>
      </div>
      {error && <ErrorNotice error={error} />}
      {!days && !error && <Loading label="Loading the report…" />}
      {days && (
        <>
          {days.every(
            (d) => !d.delivered && !d.failed && !d.blocked && !d.received && !d.opt_outs,
          ) && <p class="hint">No traffic on this profile's numbers in this period.</p>}
          <ReportChart days={days} title={`Messages per day, last ${period} days`} />
          <details>
            <summary>Show the numbers as a table</summary>
            <ReportTable days={days} />
          </details>
        </>
      )}
    </section>
  );
}
