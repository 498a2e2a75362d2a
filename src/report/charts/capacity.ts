/**
 * Chart 3, capacity over time, three panels sharing the time axis:
 * drives physically on site; copy stations (busy units and queue length,
 * daily means, against the number of stations); utilization of operators and
 * copy stations in percent. Hover for a day's values.
 * Reads: TimeseriesData (timeseries.csv columns `drives_on_site`,
 * `copy_busy_mean`, `copy_queue_mean`, `copy_stations`, `ops_busy_mean`,
 * `ops_queue_mean`, `operators`).
 */
import type { TimeseriesData, TimeseriesRow } from '../types.js';
import { baseConfig, bucketPhrase, CHART_WIDTH, isoDay, messageChart, round, type TopLevelSpec } from './common.js';

interface Series {
  name: string;
  color: string;
  dash?: number[];
  value: (r: TimeseriesRow) => number | null;
}

const v = (r: TimeseriesRow, k: string): number | null => {
  const x = r.values[k];
  return x == null || !Number.isFinite(x) ? null : x;
};
const pct = (num: number | null, den: number | null): number | null => (num == null || den == null || den <= 0 ? null : (100 * num) / den);

function panel(rows: TimeseriesRow[], id: string, title: string, yTitle: string, series: Series[]): Record<string, unknown> | null {
  const used = series.filter((s) => rows.some((r) => s.value(r) != null));
  if (used.length === 0) return null;
  // Wide rows (one per day, one column per series); fold makes them long for the lines.
  const values = rows.map((r) => {
    const o: Record<string, unknown> = { t: r.date, day: isoDay(r.date) };
    for (const s of used) {
      const x = s.value(r);
      o[s.name] = x == null ? null : round(x, 3);
    }
    return o;
  });
  const x = { field: 't', type: 'temporal', scale: { type: 'utc' }, title: 'date (UTC)', axis: { format: '%Y-%m-%d', labelOverlap: true } };
  const param = `hover_${id}`;
  return {
    title: { text: title, fontSize: 13 },
    width: CHART_WIDTH - 190,
    height: 150,
    data: { values },
    layer: [
      {
        transform: [{ fold: used.map((s) => s.name), as: ['series', 'value'] }],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.6 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: yTitle },
          color: {
            field: 'series', type: 'nominal', title: null,
            scale: { domain: used.map((s) => s.name), range: used.map((s) => s.color) },
            legend: { orient: 'right', labelLimit: 200 },
          },
          strokeDash: {
            field: 'series', type: 'nominal', title: null,
            scale: { domain: used.map((s) => s.name), range: used.map((s) => s.dash ?? [1, 0]) },
            legend: { orient: 'right', labelLimit: 200 },
          },
        },
      },
      {
        mark: { type: 'rule', color: '#333' },
        params: [{ name: param, select: { type: 'point', fields: ['t'], nearest: true, on: 'pointerover', clear: 'pointerout' } }],
        encoding: {
          x,
          opacity: { condition: { param, empty: false, value: 0.7 }, value: 0 },
          tooltip: [{ field: 'day', title: 'day (UTC)' }, ...used.map((s) => ({ field: s.name, type: 'quantitative', title: s.name, format: '.2f' }))],
        },
      },
    ],
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
  };
}

export function capacityChart(data: TimeseriesData | null): TopLevelSpec {
  const title = 'Capacity over time';
  const rows = data?.rows ?? [];
  if (!data || rows.length === 0) return messageChart(title, undefined, ['No capacity data (timeseries.csv has no rows).']);
  const per = data.bucketDays > 1 ? bucketPhrase(data.bucketDays) : 'per day';
  const panels = [
    panel(rows, 'site', 'drives on site', 'drives', [
      { name: 'drives on site', color: '#3182bd', value: (r) => v(r, 'drives_on_site') },
    ]),
    panel(rows, 'copy', 'copy stations: busy units and queue', 'stations / drives', [
      { name: 'busy stations (mean)', color: '#31a354', value: (r) => v(r, 'copy_busy_mean') },
      { name: 'drives queued (mean)', color: '#e6550d', value: (r) => v(r, 'copy_queue_mean') },
      { name: 'stations available', color: '#636363', dash: [4, 3], value: (r) => v(r, 'copy_stations') },
    ]),
    panel(rows, 'util', 'utilization: share of capacity busy', 'percent busy', [
      { name: 'operators busy %', color: '#756bb1', value: (r) => pct(v(r, 'ops_busy_mean'), v(r, 'operators')) },
      { name: 'copy stations busy %', color: '#31a354', dash: [6, 2], value: (r) => pct(v(r, 'copy_busy_mean'), v(r, 'copy_stations')) },
    ]),
  ].filter((p): p is Record<string, unknown> => p !== null);
  if (panels.length === 0) return messageChart(title, undefined, ['No capacity columns in timeseries.csv.']);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: [`Drives on site, copy stations and operators, ${per}; busy and queue are means over the day before.`, 'Hover a panel for the values of a day.'] },
    config: baseConfig(),
    vconcat: panels,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent' } },
  } as unknown as TopLevelSpec;
}
