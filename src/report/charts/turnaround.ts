/**
 * Chart 5, turnaround: the empirical CDF of job turnaround (first package
 * delivery to the return shipment, R-FINISH) for import and export jobs,
 * with the median and 95th percentile marked on each curve.
 * Reads: TurnaroundData (jobs.csv `type`, `turnaround_days`). Large runs are
 * drawn from at most limits.ECDF_POINTS points per type; the quantiles are
 * exact (sorted values, rank ⌊q(n−1)⌋ as in src/sim's Tally).
 */
import { ECDF_POINTS } from '../limits.js';
import type { TurnaroundData } from '../types.js';
import { baseConfig, CHART_WIDTH, messageChart, round, type TopLevelSpec } from './common.js';

const TYPE_COLORS: Record<'import' | 'export', string> = { import: '#3182bd', export: '#e6550d' };

/** The value of rank ⌊q(n−1)⌋ of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.floor(q * (sorted.length - 1))];
}

/** ECDF points (x, F(x)) of sorted values, at most `maxPoints` of them (first and last kept). */
export function ecdfPoints(sorted: readonly number[], maxPoints = ECDF_POINTS): { x: number; p: number }[] {
  const n = sorted.length;
  if (n === 0) return [];
  const out: { x: number; p: number }[] = [{ x: sorted[0], p: 0 }];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) out.push({ x: sorted[i], p: (i + 1) / n });
  } else {
    let last = -1;
    for (let j = 0; j < maxPoints; j++) {
      const k = Math.round((j * (n - 1)) / (maxPoints - 1));
      if (k === last) continue;
      last = k;
      out.push({ x: sorted[k], p: (k + 1) / n });
    }
  }
  return out;
}

export function turnaroundChart(data: TurnaroundData | null): TopLevelSpec {
  const title = 'Turnaround';
  const types = (['import', 'export'] as const).filter((t) => (data?.[t].length ?? 0) > 0);
  if (!data || types.length === 0) return messageChart(title, undefined, ['No job finished by R-FINISH in this run: no turnaround to show.']);
  const curve: Record<string, unknown>[] = [];
  const marks: Record<string, unknown>[] = [];
  const labels: string[] = [];
  const sortedByType = types.map((t) => [...data[t]].sort((a, b) => a - b));
  // Labels point away from the other curve: the type with the smaller median gets its labels on the left.
  const medians = sortedByType.map((v) => quantileSorted(v, 0.5));
  types.forEach((t, i) => {
    const sorted = sortedByType[i];
    const p50 = quantileSorted(sorted, 0.5), p95 = quantileSorted(sorted, 0.95);
    const label = `${t} (n=${sorted.length}): p50 ${round(p50, 1)} d, p95 ${round(p95, 1)} d`;
    labels.push(label);
    const side = types.length > 1 && medians[i] <= medians[1 - i] ? 'left' : 'right';
    for (const pt of ecdfPoints(sorted)) curve.push({ type: label, days: round(pt.x, 3), p: round(pt.p, 4) });
    for (const [name, q, x] of [['p50', 0.5, p50], ['p95', 0.95, p95]] as const) {
      marks.push({ type: label, side, days: round(x, 2), p: q, text: `${name} ${round(x, 1)} d`, what: `${name} (${q === 0.5 ? 'median' : '95th percentile'})` });
    }
  });
  const color = {
    field: 'type', type: 'nominal', title: 'job type',
    scale: { domain: labels, range: types.map((t) => TYPE_COLORS[t]) },
    legend: { orient: 'bottom', direction: 'vertical', labelLimit: 420, symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
  // A few very late jobs would squeeze the curves into a corner: the axis ends a little past the 99th percentile.
  const all = sortedByType.flat().sort((a, b) => a - b);
  const max = all[all.length - 1];
  const cut = quantileSorted(all, 0.99) * 1.2;
  const clipped = all.length >= 100 && max > cut;
  const x = {
    field: 'days', type: 'quantitative', title: 'turnaround (days, delivery to return shipment)',
    scale: clipped ? { domain: [Math.floor(all[0]), Math.ceil(cut)], nice: false, zero: false } : { zero: false, nice: true },
  };
  const subtitle = ['Empirical CDF of turnaround per job type; dots mark the median (p50) and the 95th percentile (p95).'];
  if (clipped) subtitle.push(`The axis ends at ${Math.ceil(cut)} days (1.2 × the 99th percentile); the longest turnaround is ${round(max, 1)} days.`);
  const y = { field: 'p', type: 'quantitative', title: 'share of finished jobs (cumulative)', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    config: baseConfig(),
    width: CHART_WIDTH - 160,
    height: 300,
    layer: [
      {
        data: { values: marks },
        mark: { type: 'rule', strokeDash: [3, 3], opacity: 0.6, clip: true },
        encoding: { x, y, y2: { datum: 0 }, color },
      },
      {
        data: { values: curve },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, clip: true },
        encoding: {
          x, y, color,
          tooltip: [
            { field: 'type', title: 'job type' },
            { field: 'days', title: 'days', type: 'quantitative' },
            { field: 'p', title: 'share ≤ days', type: 'quantitative', format: '.1%' },
          ],
        },
      },
      {
        data: { values: marks },
        mark: { type: 'point', filled: true, size: 70, stroke: 'white', strokeWidth: 1, opacity: 1 },
        encoding: {
          x, y, color,
          tooltip: [
            { field: 'type', title: 'job type' },
            { field: 'what', title: 'mark' },
            { field: 'days', title: 'days', type: 'quantitative' },
          ],
        },
      },
      ...(['left', 'right'] as const).filter((side) => marks.some((m) => m.side === side)).map((side) => ({
        data: { values: marks },
        transform: [{ filter: `datum.side === '${side}'` }],
        // An ECDF rises to the right: above-left and below-right of a point are empty.
        mark: { type: 'text', align: side === 'left' ? 'right' : 'left', dx: side === 'left' ? -8 : 8, dy: side === 'left' ? -8 : 14, fontSize: 11, fontWeight: 'bold' },
        encoding: { x, y, color, text: { field: 'text' } },
      })),
    ],
  } as unknown as TopLevelSpec;
}
