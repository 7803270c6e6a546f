export interface DayCounts {
  day: Date;
  delivered: number;
  failed: number;
  blocked: number;
  received: number;
  opt_outs: number;
}

export const SERIES = [
  { key: 'delivered', label: 'Delivered' },
  { key: 'failed', label: 'Failed' },
  { key: 'blocked', label: 'Blocked' },
  { key: 'received', label: 'Received' },
  { key: 'opt_outs', label: 'Opt-outs' },
] as const;

const WIDTH = 720;
const HEIGHT = 240;
const LEFT = 36;
const BOTTOM = 24;
const TOP = 8;

function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

function dayLabel(day: Date): string {
  return day.toLocaleDateString(undefined, { month: 'numeric', day: 'numeric' });
}

/** Grouped bars per day, one colour per series; the numbers themselves are in the table beside it. */
export function ReportChart({ days, title }: { days: DayCounts[]; title: string }) {
  const max = niceMax(Math.max(0, ...days.flatMap((d) => SERIES.map((s) => d[s.key]))));
  const plotWidth = WIDTH - LEFT;
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const group = plotWidth / Math.max(1, days.length);
  const bar = (group * 0.8) / SERIES.length;
  const labelEvery = Math.ceil(days.length / 10);
  const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        {[0, max / 2, max].map((tick) => (
          <g key={tick} class="tick">
            <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
            <text x={LEFT - 6} y={y(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        {days.map((day, index) => (
          <g key={day.day.toISOString()}>
            {SERIES.map((series, s) => (
              <rect
                key={series.key}
                class={`series-${series.key}`}
                x={LEFT + index * group + group * 0.1 + s * bar}
                y={y(day[series.key])}
                width={Math.max(1, bar - 1)}
                height={TOP + plotHeight - y(day[series.key])}
              >
                <title>{`${dayLabel(day.day)} ${series.label}: ${day[series.key]}`}</title>
              </rect>
            ))}
            {index % labelEvery === 0 && (
              <text x={LEFT + index * group + group / 2} y={HEIGHT - 6} text-anchor="middle">
                {dayLabel(day.day)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="legend">
          {SERIES.map((series) => (
            <li key={series.key}>
              <span class={`swatch series-${series.key}`} aria-hidden="true" />
              {series.label} {days.reduce((sum, day) => sum + day[series.key], 0)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export function ReportTable({ days }: { days: DayCounts[] }) {
  return (
    <div class="table-wrap" role="region" aria-label="Report by day" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {SERIES.map((series) => (
              <th scope="col" key={series.key} class="num">
                {series.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day.toISOString()}>
              <th scope="row">{day.day.toLocaleDateString()}</th>
              {SERIES.map((series) => (
                <td key={series.key} class="num">
                  {day[series.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
