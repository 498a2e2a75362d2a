/**
 * Chart 4, time in state: the distribution of the time a job spends per
 * visit of each state (box: quartiles; whiskers: 5th to 95th percentile;
 * dot: mean), plus the derived copy phase Received → Packaging, with the
 * spec's reference marks: the 14-day Creating limit (R-CREATING-EXPIRE), the
 * 14-day Shipping limit (R-SHIP-OVERDUE), and the 7 to 10 day copy target
 * (a service aim, no SLA). Final states (Completed, Closed: kept 90 days by
 * R-RETENTION) are left out, and so are visits still open at the horizon.
 * Reads: StateTimeStats[] (events.csv job state rows, see assemble.ts).
 */
import { DEFAULT_DURATIONS, STATE_COLORS } from '../../spec/index.js';
import type { StateTimeStats } from '../types.js';
import { baseConfig, CHART_WIDTH, messageChart, round, type TopLevelSpec } from './common.js';

const DAY = 86_400_000;

/** The spec's reference values in days (defaults: lifecycle.md's timing facts). */
export interface TimeReferences {
  creatingLimitDays: number;
  shippingLimitDays: number;
  copyTargetDays: [number, number];
}

export const SPEC_REFERENCES: TimeReferences = {
  creatingLimitDays: DEFAULT_DURATIONS.creatingExpiry / DAY,
  shippingLimitDays: DEFAULT_DURATIONS.shippingOverdue / DAY,
  // lifecycle.md: "the service aims (no SLA) to finish copying 7 to 10 days after the drives are received".
  copyTargetDays: [7, 10],
};

/**
 * The references of the run a report shows: its scenario's own limits (from
 * manifest.json's scenario, durations in ms), the spec's where it has none.
 */
export function scenarioReferences(scenario: unknown): TimeReferences {
  const rules = (scenario as { rules?: Record<string, unknown> } | null | undefined)?.rules;
  const days = (ms: unknown, fallback: number) => (typeof ms === 'number' && ms > 0 ? +(ms / DAY).toFixed(2) : fallback);
  return {
    ...SPEC_REFERENCES,
    creatingLimitDays: days(rules?.creatingExpiry, SPEC_REFERENCES.creatingLimitDays),
    shippingLimitDays: days(rules?.shippingOverdue, SPEC_REFERENCES.shippingLimitDays),
  };
}

/** Label of the derived copy phase row (state `copy`). */
export const COPY_PHASE_LABEL = 'copy (Received → Packaging)';

export function timeInStateChart(stats: StateTimeStats[] | null, refs: TimeReferences = SPEC_REFERENCES): TopLevelSpec {
  const title = 'Time in state';
  const rows = (stats ?? []).filter((s) => s.count > 0);
  if (rows.length === 0) return messageChart(title, undefined, ['No completed state visits in this run: nothing to measure.']);
  const palette = STATE_COLORS as Record<string, string>;
  const values = rows.map((s) => ({
    label: s.label,
    state: s.state,
    count: s.count,
    mean: round(s.mean, 2), min: round(s.min, 2), p05: round(s.p05, 2), p25: round(s.p25, 2),
    p50: round(s.p50, 2), p75: round(s.p75, 2), p95: round(s.p95, 2), max: round(s.max, 2),
  }));
  const order = rows.map((s) => s.label);
  const color = {
    field: 'label', type: 'nominal', legend: null,
    scale: { domain: order, range: rows.map((s) => palette[s.state === 'copy' ? 'Transferring' : s.state] ?? '#999999') },
  };
  const y = { field: 'label', type: 'nominal', sort: order, title: 'job state', axis: { labelLimit: 320 }, scale: { paddingInner: 0.35 } };
  const tooltip = [
    { field: 'label', title: 'state' },
    { field: 'count', title: 'visits', type: 'quantitative' },
    { field: 'mean', title: 'mean (days)', type: 'quantitative' },
    { field: 'p05', title: '5th pct', type: 'quantitative' },
    { field: 'p25', title: '25th pct', type: 'quantitative' },
    { field: 'p50', title: 'median', type: 'quantitative' },
    { field: 'p75', title: '75th pct', type: 'quantitative' },
    { field: 'p95', title: '95th pct', type: 'quantitative' },
    { field: 'min', title: 'min', type: 'quantitative' },
    { field: 'max', title: 'max', type: 'quantitative' },
  ];
  const x = (field: string) => ({ field, type: 'quantitative', title: 'days per visit', scale: { zero: true, nice: true } });

  const lines: Record<string, unknown>[] = [];
  const creating = rows.find((s) => s.state === 'Creating');
  const shipping = rows.find((s) => s.state === 'Shipping');
  if (creating) lines.push({ label: creating.label, x: refs.creatingLimitDays, note: `${refs.creatingLimitDays}-day limit: deleted (R-CREATING-EXPIRE)` });
  if (shipping) lines.push({ label: shipping.label, x: refs.shippingLimitDays, note: `${refs.shippingLimitDays}-day limit: overdue alert (R-SHIP-OVERDUE)` });
  const copy = rows.find((s) => s.state === 'copy');
  const bands = copy ? [{ label: copy.label, x: refs.copyTargetDays[0], x2: refs.copyTargetDays[1], note: `copy target ${refs.copyTargetDays[0]}–${refs.copyTargetDays[1]} days (aim, no SLA)` }] : [];

  const layer: Record<string, unknown>[] = [];
  if (bands.length) {
    layer.push({
      data: { values: bands },
      mark: { type: 'rect', color: '#31a354', opacity: 0.18 },
      encoding: { y, x: x('x'), x2: { field: 'x2' }, tooltip: [{ field: 'note', title: 'reference' }] },
    });
  }
  layer.push(
    {
      mark: { type: 'rule', color: '#555' },
      encoding: { y, x: x('p05'), x2: { field: 'p95' }, tooltip },
    },
    {
      mark: { type: 'bar', height: 14, stroke: '#333', strokeWidth: 0.6 },
      encoding: { y, x: x('p25'), x2: { field: 'p75' }, color, tooltip },
    },
    {
      mark: { type: 'tick', color: '#111', stroke: 'white', strokeWidth: 1, thickness: 3, size: 18 },
      encoding: { y, x: x('p50'), tooltip },
    },
    {
      mark: { type: 'point', shape: 'circle', filled: true, color: 'white', stroke: 'black', strokeWidth: 1, size: 30 },
      encoding: { y, x: x('mean'), tooltip },
    },
  );
  if (lines.length) {
    // A tick spans its row's band: a vertical limit mark on the Creating and Shipping rows only.
    layer.push(
      {
        data: { values: lines },
        mark: { type: 'tick', color: '#de2d26', thickness: 2.5, size: 30, opacity: 0.9 },
        encoding: { y, x: x('x'), tooltip: [{ field: 'note', title: 'reference' }] },
      },
      {
        data: { values: lines },
        mark: { type: 'text', align: 'right', dx: -4, dy: -13, fontSize: 10, color: '#de2d26' },
        encoding: { y, x: x('x'), text: { field: 'note' } },
      },
    );
  }
  if (bands.length) {
    layer.push({
      data: { values: bands },
      mark: { type: 'text', align: 'left', dx: 2, dy: -13, fontSize: 10, color: '#238b45' },
      encoding: { y, x: x('x'), text: { field: 'note' } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: [
        'Days per visit of each job state: box 25th–75th percentile, whiskers 5th–95th, black tick median, dot mean.',
        `Red: the spec's ${refs.creatingLimitDays}-day Creating and ${refs.shippingLimitDays}-day Shipping limits; green: the ${refs.copyTargetDays[0]}–${refs.copyTargetDays[1]} day copy target.`,
      ],
    },
    config: baseConfig(),
    width: CHART_WIDTH - 200,
    height: Math.max(80, order.length * 42),
    data: { values },
    layer,
  } as unknown as TopLevelSpec;
}
