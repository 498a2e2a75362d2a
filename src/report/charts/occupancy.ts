/**
 * Chart 2, state occupancy over time, colours from the shared state palette:
 * jobs in each active state per day (stacked area), drives in each state
 * before they leave (stacked area), and, in a third panel of lines, the
 * finished jobs (Completed, Closed: kept until R-RETENTION deletes them) and
 * the drives shipped back. Finished counts pile up for 90 days and would
 * flatten the backlog of the active states if stacked with them.
 * Hovering a panel shows every state's count for that day.
 * Reads: TimeseriesData (timeseries.csv columns `jobs_<State>` and
 * `drives_<State>`; long runs bucketed, see limits.ts).
 */
import { DRIVE_STATES, JOB_STATES, JOB_FINISHED } from '../../spec/index.js';
import type { TimeseriesData } from '../types.js';
import { ALL_STATES, baseConfig, bucketPhrase, CHART_WIDTH, isoDay, messageChart, round, stateColorScale, type TopLevelSpec } from './common.js';

interface Series {
  /** The state (legend entry and data field). */
  state: string;
  /** The timeseries.csv column. */
  column: string;
  /** Tooltip title. */
  label: string;
}

interface Panel {
  id: string;
  title: string;
  yTitle: string;
  mark: 'area' | 'line';
  series: Series[];
}

const finished = new Set<string>(JOB_FINISHED);

export function occupancyChart(data: TimeseriesData | null): TopLevelSpec {
  const title = 'State occupancy over time';
  const panels: Panel[] = [
    {
      id: 'jobs', title: 'jobs in each active state', yTitle: 'jobs', mark: 'area',
      series: JOB_STATES.filter((s) => !finished.has(s)).map((s) => ({ state: s, column: `jobs_${s}`, label: s })),
    },
    {
      id: 'drives', title: 'drives in each state, until shipped back', yTitle: 'drives', mark: 'area',
      series: DRIVE_STATES.filter((s) => s !== 'ShippedBack').map((s) => ({ state: s, column: `drives_${s}`, label: s })),
    },
    {
      id: 'done', title: 'finished jobs (until R-RETENTION deletes them) and drives shipped back', yTitle: 'jobs / drives', mark: 'line',
      series: [
        ...JOB_FINISHED.map((s) => ({ state: s, column: `jobs_${s}`, label: `jobs ${s}` })),
        { state: 'ShippedBack', column: 'drives_ShippedBack', label: 'drives ShippedBack' },
      ],
    },
  ];
  const rows = data?.rows ?? [];
  const usable = panels
    .map((p) => ({ ...p, series: p.series.filter((s) => rows.some((r) => r.values[s.column] != null)) }))
    .filter((p) => p.series.length > 0);
  if (!data || rows.length === 0 || usable.length === 0) {
    return messageChart(title, undefined, ['No occupancy data (timeseries.csv has no rows or no state columns).']);
  }
  const what = data.bucketDays > 1 ? `mean count ${bucketPhrase(data.bucketDays)}` : 'count at 00:00 UTC each day';
  const statesUsed = ALL_STATES.filter((s) => usable.some((p) => p.series.some((x) => x.state === s)));
  const color = stateColorScale(statesUsed);

  // Wide rows (one per day, one column per state) keep the inlined data small; fold makes them long for the marks.
  const vconcat = usable.map((p) => {
    const values = rows.map((r) => {
      const o: Record<string, unknown> = { t: r.date, day: isoDay(r.date) };
      for (const s of p.series) {
        const v = r.values[s.column];
        o[s.state] = v == null ? 0 : round(v, 2);
      }
      return o;
    });
    const states = p.series.map((s) => s.state);
    const param = `hover_${p.id}`;
    const x = { field: 't', type: 'temporal', scale: { type: 'utc' }, title: 'date (UTC)', axis: { format: '%Y-%m-%d', labelOverlap: true } };
    const y = { field: 'count', type: 'quantitative', title: p.yTitle, ...(p.mark === 'area' ? { stack: 'zero' } : {}) };
    return {
      title: { text: p.title, fontSize: 13 },
      width: CHART_WIDTH - 150,
      height: p.mark === 'area' ? 180 : 120,
      data: { values },
      layer: [
        {
          transform: [
            { fold: states, as: ['state', 'count'] },
            { calculate: `indexof(${JSON.stringify(states)}, datum.state)`, as: 'order' },
          ],
          mark: p.mark === 'area'
            ? { type: 'area', interpolate: 'step-after', opacity: 0.9 }
            : { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
          encoding: {
            x,
            y,
            color: { field: 'state', type: 'nominal', title: 'state', scale: color, legend: { orient: 'right' } },
            order: { field: 'order', type: 'quantitative' },
          },
        },
        {
          mark: { type: 'rule', color: '#333', strokeWidth: 1 },
          params: [{ name: param, select: { type: 'point', fields: ['t'], nearest: true, on: 'pointerover', clear: 'pointerout' } }],
          encoding: {
            x,
            opacity: { condition: { param, empty: false, value: 0.7 }, value: 0 },
            tooltip: [{ field: 'day', title: 'day (UTC)' }, ...p.series.map((s) => ({ field: s.state, type: 'quantitative', title: s.label }))],
          },
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: [`Jobs and drives in each state, ${what}; deleted jobs drop out.`, 'Finished jobs and shipped drives have their own panel. Hover a panel for the counts of a day.'],
    },
    config: baseConfig(),
    vconcat,
    resolve: { scale: { color: 'shared' } },
  } as unknown as TopLevelSpec;
}
