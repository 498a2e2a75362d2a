/**
 * Chart 8, sweeps: each KPI against the swept parameter, the mean over
 * replications as a line with its 95% confidence band (mean ± halfWidth),
 * one panel per KPI (own y scale), one line per value of the other swept
 * parameters.
 *
 * Input: SweepRow[] (types.ts), read from `sweep.csv` in the output folder of
 * `iesim sweep` (src/experiments/sweep-files.ts writes it). The format this
 * chart expects (long form, one row per variant and KPI):
 *
 *   variant,label,<param>,<param>,…,kpi,mean,sd,half_width,n[,diff_vs_baseline,diff_half_width]
 *
 * - `variant`: the variant's index; `label`: its name (e.g.
 *   `datacenter.copyStations=16`), shown in tooltips;
 * - parameter columns: every column that is not one of variant, label, kpi,
 *   mean, sd, half_width (or halfWidth), n, low, high, diff_*; the header is
 *   the parameter's path (e.g. `datacenter.copyStations`), the cells its value
 *   in that variant (numbers are plotted on a linear axis, anything else as
 *   categories);
 * - `kpi`: the KPI's key (e.g. `turnaround.p95`);
 * - `mean`, `half_width`: the KPI's mean over replications and the half-width
 *   of its Student-t 95% interval (empty with one replication); `n`:
 *   replications. The paired differences against the baseline are not drawn.
 * The x axis is the first parameter that takes more than one value (or the
 * `x` option); the other varying parameters make the lines.
 */
import { MAX_SWEEP_ROWS } from '../limits.js';
import type { SweepRow } from '../types.js';
import { baseConfig, CHART_WIDTH, messageChart, round, type TopLevelSpec } from './common.js';

/** The parameters that take more than one value, in column order. */
export function sweptParams(rows: readonly SweepRow[]): string[] {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.params)) if (!names.includes(k)) names.push(k);
  return names.filter((k) => new Set(rows.map((r) => String(r.params[k] ?? ''))).size > 1);
}

export function sweepChart(rows: SweepRow[] | null, options: { x?: string } = {}): TopLevelSpec {
  const title = 'Sweep: KPIs against the swept parameter';
  const data = (rows ?? []).filter((r) => Number.isFinite(r.mean)).slice(0, MAX_SWEEP_ROWS);
  if (data.length === 0) return messageChart(title, undefined, ['No sweep results (no sweep.csv, or it has no rows).']);
  const swept = sweptParams(data);
  const xParam = options.x && swept.includes(options.x) ? options.x : swept[0];
  const others = swept.filter((p) => p !== xParam);
  const numeric = xParam !== undefined && data.every((r) => typeof r.params[xParam] === 'number');
  const kpis = [...new Set(data.map((r) => r.kpi))];
  const values = data.map((r) => {
    const hw = Number.isFinite(r.halfWidth) ? r.halfWidth : 0;
    return {
      kpi: r.kpi,
      variant: r.variant,
      x: xParam === undefined ? r.variant : r.params[xParam],
      series: others.length ? others.map((p) => `${p}=${r.params[p]}`).join(', ') : 'all variants',
      params: Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)',
      mean: round(r.mean, 4),
      lo: round(r.mean - hw, 4),
      hi: round(r.mean + hw, 4),
      ci: hw > 0 ? `± ${round(hw, 4)}` : '(one replication: no interval)',
      n: r.n ?? '',
    };
  });
  const distinctX = [...new Set(values.map((v) => v.x))];
  const x = numeric
    ? { field: 'x', type: 'quantitative', title: xParam, scale: { zero: false }, axis: distinctX.length <= 12 ? { values: [...distinctX].sort((a, b) => Number(a) - Number(b)) } : {} }
    : { field: 'x', type: 'ordinal', title: xParam ?? 'variant', sort: [...new Set(values.map((v) => String(v.x)))] };
  // One line needs no legend; several get one, titled by the parameters that tell them apart.
  const color = {
    field: 'series', type: 'nominal', title: others.length ? others.join(', ') : 'variants',
    legend: others.length ? { orient: 'bottom', labelLimit: 300, symbolType: 'circle', symbolOpacity: 1 } : null,
  };
  const tooltip = [
    { field: 'kpi', title: 'KPI' },
    { field: 'variant', title: 'variant' },
    { field: 'params', title: 'parameters' },
    { field: 'mean', title: 'mean', type: 'quantitative' },
    { field: 'ci', title: '95% CI' },
    { field: 'n', title: 'replications' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: `Mean of each KPI with its 95% confidence band, against ${xParam ?? 'the variant'}; one panel per KPI.` },
    config: baseConfig(),
    data: { values },
    facet: { row: { field: 'kpi', type: 'nominal', title: null, sort: kpis, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold' } } },
    spec: {
      width: CHART_WIDTH - 220,
      height: 120,
      layer: [
        {
          mark: { type: 'area', opacity: 0.2 },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'mean (95% CI)', scale: { zero: false } }, y2: { field: 'hi' }, color },
        },
        {
          mark: { type: 'line', point: { filled: true, size: 40 } },
          encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'mean (95% CI)' }, color, tooltip },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as unknown as TopLevelSpec;
}
