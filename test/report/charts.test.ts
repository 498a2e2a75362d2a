/**
 * Chart builders: every spec compiles with vega-lite without a single
 * warning (the logger is captured), for representative data (a realistic
 * fixture run, read by readOutputs) and for empty data; every chart has a
 * title and titled axes; rule IDs reach tooltips and legends; empty inputs
 * say so in words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  capacityChart, occupancyChart, ruleChecksChart, ruleFiringsChart, sweepChart, timeInStateChart, timelinesChart, turnaroundChart, buildCharts,
} from '../../src/report/charts/index.js';
import { ecdfPoints, quantileSorted } from '../../src/report/charts/turnaround.js';
import { sweptParams } from '../../src/report/charts/sweep.js';
import { SPEC_REFERENCES, scenarioReferences } from '../../src/report/charts/time-in-state.js';
import { readOutputs } from '../../src/report/read-outputs.js';
import { compileVegaLite, renderSvg } from '../../src/report/render.js';
import type { ReportData, SweepRow } from '../../src/report/types.js';
import { writeFixture } from './fixture.js';
import { titleOf, untitledAxes } from './helpers.js';

let dir: string;
let data: ReportData;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iesim-charts-'));
  writeFixture(dir, { sweep: true, replicated: true });
  data = await readOutputs(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A chart of words only (messageChart): a text mark at the top level. */
function isMessageChart(spec: unknown): boolean {
  return (spec as { mark?: { type?: string } }).mark?.type === 'text';
}

/** Compiles and renders; returns every warning vega-lite or vega logged. */
async function problems(spec: unknown): Promise<string[]> {
  const { spec: vg, warnings } = compileVegaLite(spec as never);
  const { warnings: w2 } = await renderSvg(vg);
  return [...warnings, ...w2];
}

const sweepRows: SweepRow[] = [2, 3, 4].flatMap((cs) => [1, 2].flatMap((rate) => [
  { variant: `cs${cs}-r${rate}`, params: { copyStations: cs, arrivalRate: rate }, kpi: 'turnaroundDays.p95', mean: 30 / cs + rate, halfWidth: 0.4, n: 10 },
  { variant: `cs${cs}-r${rate}`, params: { copyStations: cs, arrivalRate: rate }, kpi: 'copyUtilization', mean: 0.3 * rate, halfWidth: 0.02, n: 10 },
]));

describe('every chart builder, representative data', () => {
  const cases: [string, () => unknown][] = [
    ['timelines', () => timelinesChart(data.gantt)],
    ['occupancy', () => occupancyChart(data.timeseries)],
    ['capacity', () => capacityChart(data.timeseries)],
    ['time-in-state', () => timeInStateChart(data.timeInState)],
    ['turnaround', () => turnaroundChart(data.turnaround)],
    ['rule-firings', () => ruleFiringsChart(data.ruleFirings)],
    ['rule-checks', () => ruleChecksChart(data.checks)],
    ['sweep (from sweep.csv)', () => sweepChart(data.sweep)],
    ['sweep (two parameters)', () => sweepChart(sweepRows)],
    ['sweep (text parameter, one replication)', () => sweepChart([
      { variant: 'a', params: { policy: 'strict' }, kpi: 'throughputPerDay', mean: 3, halfWidth: NaN, n: 1 },
      { variant: 'b', params: { policy: 'lenient' }, kpi: 'throughputPerDay', mean: 4, halfWidth: NaN, n: 1 },
    ])],
  ];
  for (const [name, build] of cases) {
    it(`${name}: compiles and renders without warnings, titled, axes titled`, async () => {
      const spec = build();
      expect(await problems(spec)).toEqual([]);
      expect(titleOf(spec).length).toBeGreaterThan(3);
      expect(untitledAxes(spec)).toEqual([]);
    });
  }

  it('the fixture gives every chart real data (no message charts)', () => {
    for (const c of buildCharts(data)) {
      expect(c.spec, c.name).not.toBeNull();
      expect(isMessageChart(c.spec), c.name).toBe(false);
    }
  });

  it('timelines: sampled jobs, one colour per state from the shared palette, markers naming rules', () => {
    const spec = timelinesChart(data.gantt) as any;
    const [bars, markers] = spec.layer;
    expect(bars.encoding.color.scale.domain).toContain('Creating');
    expect(bars.encoding.color.scale.range[bars.encoding.color.scale.domain.indexOf('Closed')]).toBe('#de2d26');
    const cats = new Set(markers.data.values.map((m: any) => m.category));
    for (const c of ['alert', 'contact', 'timeout', 'fault']) expect(cats.has(c), c).toBe(true);
    const alert = markers.data.values.find((m: any) => m.category === 'alert');
    expect(alert.rule).toBe('R-SHIP-OVERDUE: package overdue');
    expect(markers.encoding.tooltip.some((t: any) => t.field === 'rule')).toBe(true);
  });

  it('time in state: the 14-day limits on Creating and Shipping, the 7–10 day copy band', () => {
    const spec = JSON.stringify(timeInStateChart(data.timeInState));
    expect(spec).toContain('R-CREATING-EXPIRE');
    expect(spec).toContain('R-SHIP-OVERDUE');
    expect(spec).toContain('"x":7,"x2":10');
  });

  it('time in state: the limits are the run\'s own when its scenario changes them (manifest.json), the spec\'s otherwise', () => {
    const refs = scenarioReferences({ rules: { creatingExpiry: 21 * 86_400_000, shippingOverdue: 10.5 * 86_400_000 } });
    const spec = JSON.stringify(timeInStateChart(data.timeInState, refs));
    expect(spec).toContain('21-day limit: deleted (R-CREATING-EXPIRE)');
    expect(spec).toContain('10.5-day limit: overdue alert (R-SHIP-OVERDUE)');
    expect(scenarioReferences(null)).toEqual(SPEC_REFERENCES);
    expect(scenarioReferences({ rules: {} })).toEqual(SPEC_REFERENCES);
  });

  it('rule firings: rule IDs on the axis and titles in tooltips', () => {
    const spec = ruleFiringsChart(data.ruleFirings) as any;
    const cells = spec.hconcat[0].data.values;
    expect(cells.some((c: any) => c.rule === 'R-SHIP-OVERDUE' && c.count === 2 && typeof c.s === 'number')).toBe(true);
    const lookup = spec.hconcat[0].transform.find((t: any) => t.lookup).from.data.values;
    expect(lookup.find((r: any) => r.rule === 'R-SHIP-OVERDUE')).toMatchObject({ ruleTitle: 'package overdue', kind: 'timer' });
    expect(spec.hconcat[0].encoding.tooltip.map((t: any) => t.field)).toEqual(['rule', 'ruleTitle', 'kind', 'period', 'count']);
    expect(spec.hconcat[0].encoding.y.title).toBe('rule ID');
  });

  it('turnaround: p50 and p95 marked per type', () => {
    const spec = turnaroundChart(data.turnaround) as any;
    const marks = spec.layer[0].data.values;
    expect(marks.map((m: any) => m.text.split(' ')[0]).sort()).toEqual(['p50', 'p50', 'p95', 'p95']);
  });
});

describe('every chart builder, empty data', () => {
  const empties: [string, () => unknown, RegExp][] = [
    ['timelines null', () => timelinesChart(null), /No jobs/],
    ['timelines no jobs', () => timelinesChart({ jobs: [], segments: [], markers: [], totalJobs: 0, every: 1, markersDropped: 0 }), /No jobs/],
    ['occupancy null', () => occupancyChart(null), /No occupancy/],
    ['occupancy no rows', () => occupancyChart({ rows: [], bucketDays: 1 }), /No occupancy/],
    ['capacity no rows', () => capacityChart({ rows: [], bucketDays: 1 }), /No capacity/],
    ['capacity no columns', () => capacityChart({ rows: [{ date: 0, values: {} }], bucketDays: 1 }), /No capacity/],
    ['time in state', () => timeInStateChart([]), /No completed state visits/],
    ['turnaround', () => turnaroundChart({ import: [], export: [] }), /No job finished/],
    ['rule firings', () => ruleFiringsChart({ counts: [], bucketDays: 7 }), /no rule fired/],
    ['rule checks, no checks.json', () => ruleChecksChart(null), /Not available/],
    ['rule checks, no violations', () => ruleChecksChart({ rows: 1234, byRule: { 'R-FINISH': 0 }, total: 0, violations: [] }), /No violations: 1234 timeline rows checked/],
    ['sweep', () => sweepChart([]), /No sweep results/],
  ];
  for (const [name, build, words] of empties) {
    it(`${name}: compiles without warnings and says so in words`, async () => {
      const spec = build();
      expect(await problems(spec)).toEqual([]);
      expect(titleOf(spec).length).toBeGreaterThan(3);
      expect(JSON.stringify(spec)).toMatch(words);
      expect(isMessageChart(spec)).toBe(true);
    });
  }

  it('occupancy and capacity still draw from a single day, and from bucketed data', async () => {
    const one = { rows: [{ date: Date.UTC(2026, 2, 1), values: { jobs_Creating: 2, drives_on_site: 1, copy_busy_mean: 0.5, copy_stations: 2 } }], bucketDays: 1 };
    expect(await problems(occupancyChart(one))).toEqual([]);
    expect(await problems(capacityChart(one))).toEqual([]);
    const bucketed = { rows: one.rows, bucketDays: 7 };
    expect(JSON.stringify(occupancyChart(bucketed))).toContain('per week');
  });

  it('turnaround with one type only; gantt with dropped markers', async () => {
    expect(await problems(turnaroundChart({ import: [], export: [3, 4, 5] }))).toEqual([]);
    const g = { ...data.gantt!, markersDropped: 12 };
    expect(JSON.stringify(timelinesChart(g))).toContain('12 markers not drawn');
  });
});

describe('chart helpers', () => {
  it('ECDF points are bounded and end at 1; quantiles use rank ⌊q(n−1)⌋', () => {
    const v = Array.from({ length: 100_000 }, (_, i) => i / 10);
    const pts = ecdfPoints(v, 201);
    expect(pts.length).toBeLessThanOrEqual(202);
    expect(pts[pts.length - 1].p).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantileSorted([1, 2, 3, 4], 0.95)).toBe(3);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('sweptParams names the parameters that vary, in column order', () => {
    expect(sweptParams(sweepRows)).toEqual(['copyStations', 'arrivalRate']);
    const spec = sweepChart(sweepRows, { x: 'arrivalRate' }) as any;
    expect(spec.spec.layer[1].encoding.x.title).toBe('arrivalRate');
    expect(spec.spec.layer[1].encoding.color.title).toBe('copyStations');
  });

  it('builders are pure: same input, same spec', () => {
    expect(JSON.stringify(timelinesChart(data.gantt))).toBe(JSON.stringify(timelinesChart(data.gantt)));
    expect(JSON.stringify(buildCharts(data))).toBe(JSON.stringify(buildCharts(data)));
  });
});
