/**
 * The report's arithmetic (assemble.ts), on hand-made rows: time in state
 * per visit, the copy phase, rule firings counted once per job and instant,
 * the deterministic job sample, Gantt segments and markers, bucketing of long
 * runs, and the tolerant readers of checks.json and sweep.csv.
 */
import { describe, expect, it } from 'vitest';
import {
  bucketTimeseries, bucketWeeks, EventAggregator, JobsSample, JobsTally, normalizeChecks, sampleIds, sampleStep, sweepRows, type CsvRecord,
} from '../../src/report/assemble.js';
import { MAX_GANTT_MARKERS, MAX_TIME_POINTS, MAX_WEEK_BUCKETS } from '../../src/report/limits.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const row = (days: number, kind: string, entity: string, id: string, job: string, from = '', to = '', rule = '', detail = ''): CsvRecord =>
  ({ time: at(days), kind, entity, id, job, from, to, rule, package: '', detail });

/** One import job with two drives, from Put Job to R-FINISH. */
function lifecycle(J: string, d0: number): CsvRecord[] {
  const D1 = `${J}-D01`, D2 = `${J}-D02`;
  return [
    row(d0, 'put', 'job', J, J, '', '', '', 'type=import;drives=2'),
    row(d0, 'state', 'job', J, J, '', 'Creating'),
    row(d0, 'state', 'drive', D1, J, '', 'Specified'),
    row(d0, 'state', 'drive', D2, J, '', 'Specified'),
    row(d0 + 2, 'update', 'job', J, J, '', '', 'R-CREATING-RESET'),
    row(d0 + 2, 'state', 'job', J, J, 'Creating', 'Shipping', 'R-SHIP-REQUIRES'),
    row(d0 + 6, 'state', 'drive', D1, J, 'Specified', 'Received'),
    row(d0 + 6, 'state', 'drive', D2, J, 'Specified', 'Received'),
    row(d0 + 6, 'state', 'job', J, J, 'Shipping', 'Received', 'R-RECEIVED'),
    row(d0 + 7, 'state', 'drive', D1, J, 'Received', 'Transferring'),
    row(d0 + 7, 'state', 'job', J, J, 'Received', 'Transferring', 'R-TRANSFER-START'),
    row(d0 + 14, 'state', 'drive', D1, J, 'Transferring', 'Completed'),
    row(d0 + 14, 'state', 'drive', D2, J, 'Received', 'Transferring'),
    row(d0 + 15, 'state', 'drive', D2, J, 'Transferring', 'Completed'),
    row(d0 + 15, 'state', 'job', J, J, 'Transferring', 'Packaging', 'R-PACKAGING'),
    row(d0 + 16, 'ship', 'job', J, J, '', '', 'R-FINISH'),
    row(d0 + 16, 'state', 'drive', D1, J, 'Completed', 'ShippedBack', 'R-FINISH'),
    row(d0 + 16, 'state', 'drive', D2, J, 'Completed', 'ShippedBack', 'R-FINISH'),
    row(d0 + 16, 'state', 'job', J, J, 'Packaging', 'Completed', 'R-FINISH'),
  ];
}

function feed(agg: EventAggregator, rows: CsvRecord[]): void {
  const sorted = rows.map((r, i) => [r, i] as const).sort((a, b) => (a[0].time! < b[0].time! ? -1 : a[0].time! > b[0].time! ? 1 : a[1] - b[1]));
  for (const [r] of sorted) agg.add(r);
}

describe('EventAggregator', () => {
  it('measures each job-state visit and the copy phase Received → Packaging', () => {
    const agg = new EventAggregator({ start: T0 });
    feed(agg, [...lifecycle('J-000001', 0), ...lifecycle('J-000002', 3)]);
    const res = agg.finish(T0 + 40 * DAY);
    const by = new Map(res.timeInState.map((s) => [s.state, s]));
    expect(by.get('Creating')!.count).toBe(2);
    expect(by.get('Creating')!.mean).toBeCloseTo(2, 9);
    expect(by.get('Shipping')!.mean).toBeCloseTo(4, 9);
    expect(by.get('Received')!.mean).toBeCloseTo(1, 9);
    expect(by.get('Transferring')!.mean).toBeCloseTo(8, 9);
    expect(by.get('copy')!.mean).toBeCloseTo(9, 9);
    expect(by.get('copy')!.label).toMatch(/Received → Packaging/);
    expect(by.has('Completed')).toBe(false); // final states are not measured
    for (const s of res.timeInState) {
      expect(s.p05).toBeGreaterThanOrEqual(s.min);
      expect(s.p95).toBeLessThanOrEqual(s.max);
      expect(s.p25).toBeLessThanOrEqual(s.p75);
    }
  });

  it('a deletion ends the Creating visit; a cancelled job has no copy phase', () => {
    const agg = new EventAggregator({ start: T0 });
    feed(agg, [
      row(0, 'put', 'job', 'J-1', 'J-1'), row(0, 'state', 'job', 'J-1', 'J-1', '', 'Creating'),
      row(14, 'delete', 'job', 'J-1', 'J-1', 'Creating', '', 'R-CREATING-EXPIRE'),
      row(0, 'state', 'job', 'J-2', 'J-2', '', 'Creating'), row(1, 'state', 'job', 'J-2', 'J-2', 'Creating', 'Shipping', 'R-SHIP-REQUIRES'),
      row(3, 'state', 'job', 'J-2', 'J-2', 'Shipping', 'Received', 'R-RECEIVED'),
      row(4, 'cancel', 'job', 'J-2', 'J-2', '', '', 'R-CANCEL'),
      row(4, 'state', 'job', 'J-2', 'J-2', 'Received', 'Transferring', 'R-TRANSFER-START'),
      row(4, 'state', 'job', 'J-2', 'J-2', 'Transferring', 'Packaging', 'R-PACKAGING'),
    ]);
    const res = agg.finish(null);
    const by = new Map(res.timeInState.map((s) => [s.state, s]));
    expect(by.get('Creating')!.count).toBe(2);
    expect(by.get('Creating')!.max).toBeCloseTo(14, 9);
    expect(by.has('copy')).toBe(false);
  });

  it('counts a rule once per job and instant (R-FINISH: ship, drive and job rows), per week from the start', () => {
    const agg = new EventAggregator({ start: T0 });
    feed(agg, [...lifecycle('J-000001', 0), ...lifecycle('J-000002', 8)]);
    const { ruleFirings } = agg.finish(null);
    expect(ruleFirings.bucketDays).toBe(7);
    const finish = ruleFirings.counts.filter((c) => c.rule === 'R-FINISH');
    // J-1 finishes on day 16 (week 2), J-2 on day 24 (week 3)
    expect(finish).toEqual([
      { rule: 'R-FINISH', start: T0 + 14 * DAY, count: 1 },
      { rule: 'R-FINISH', start: T0 + 21 * DAY, count: 1 },
    ]);
    const total = (rule: string) => ruleFirings.counts.filter((c) => c.rule === rule).reduce((a, c) => a + c.count, 0);
    expect(total('R-CREATING-RESET')).toBe(2);
    expect(total('R-TRANSFER-START')).toBe(2);
  });

  it('draws Gantt segments and markers for sampled jobs only', () => {
    const agg = new EventAggregator({ start: T0, sample: new Set(['J-000002']) });
    feed(agg, [
      ...lifecycle('J-000001', 0),
      row(0, 'put', 'job', 'J-000002', 'J-000002', '', '', '', 'type=export;drives=1'),
      row(0, 'state', 'job', 'J-000002', 'J-000002', '', 'Creating'),
      row(0, 'state', 'drive', 'J-000002-D01', 'J-000002', '', 'Specified'),
      row(1, 'state', 'job', 'J-000002', 'J-000002', 'Creating', 'Shipping', 'R-SHIP-REQUIRES'),
      row(15, 'state', 'drive', 'J-000002-D01', 'J-000002', 'Specified', 'NeverReceived', 'R-NEVER-RECEIVED'),
      row(15, 'alert', 'job', 'J-000002', 'J-000002', '', '', 'R-SHIP-OVERDUE'),
      row(15.5, 'contact', 'job', 'J-000002', 'J-000002', '', '', 'R-SHIP-OVERDUE'),
      row(45.5, 'state', 'job', 'J-000002', 'J-000002', 'Shipping', 'Closed', 'R-SHIP-NORESPONSE'),
    ]);
    const res = agg.finish(T0 + 60 * DAY);
    expect(new Set(res.segments.map((s) => s.job))).toEqual(new Set(['J-000002']));
    expect(res.segments.map((s) => [s.state, (s.end - s.start) / DAY, s.open])).toEqual([
      ['Creating', 1, false], ['Shipping', 44.5, false], ['Closed', 14.5, true],
    ]);
    expect(res.markers.map((m) => [m.category, m.rule])).toEqual([
      ['timeout', 'R-NEVER-RECEIVED'], ['alert', 'R-SHIP-OVERDUE'], ['contact', 'R-SHIP-OVERDUE'], ['timeout', 'R-SHIP-NORESPONSE'],
    ]);
    expect(res.seenJobs).toEqual([{ job: 'J-000002', type: 'export', drives: 1, finalState: 'Closed' }]);
  });

  it('without a jobs.csv sample, takes the first jobs put', () => {
    const agg = new EventAggregator({ start: T0, sample: null, fallbackSize: 1 });
    feed(agg, [...lifecycle('J-000001', 0), ...lifecycle('J-000002', 1)]);
    const res = agg.finish(null);
    expect(res.seenJobs.map((j) => j.job)).toEqual(['J-000001']);
  });

  it('caps the markers and keeps memory to open jobs: 20,000 jobs stream through', () => {
    const agg = new EventAggregator({ start: T0, sample: null, fallbackSize: 100 });
    for (let i = 0; i < 20_000; i++) {
      const J = `J-${String(i).padStart(6, '0')}`;
      const d = i * 0.01;
      agg.add(row(d, 'put', 'job', J, J));
      agg.add(row(d, 'state', 'job', J, J, '', 'Creating'));
      for (let k = 0; k < 30; k++) agg.add(row(d + 0.001 * (k + 1), 'alert', 'job', J, J, '', '', 'R-SHIP-OVERDUE'));
      agg.add(row(d + 0.005, 'delete', 'job', J, J, 'Creating', '', 'R-CREATING-EXPIRE'));
    }
    const res = agg.finish(null);
    expect(res.rows).toBe(20_000 * 33);
    expect(res.markers.length).toBeLessThanOrEqual(MAX_GANTT_MARKERS);
    expect(res.markers.length + res.markersDropped).toBe(100 * 30 + 100);
    expect(res.timeInState.find((s) => s.state === 'Creating')!.count).toBe(20_000);
  });
});

describe('the job sample', () => {
  it('every k-th job by ID (whatever the row order of jobs.csv), at most the asked number, deterministic', () => {
    expect(sampleStep(95, 40)).toBe(3);
    expect(sampleStep(30, 40)).toBe(1);
    expect(sampleStep(0, 40)).toBe(1);
    const ids = Array.from({ length: 95 }, (_, i) => `J-${String(i + 1).padStart(6, '0')}`);
    const shuffled = [...ids].sort((a, b) => (a.slice(-1) < b.slice(-1) ? -1 : a.slice(-1) > b.slice(-1) ? 1 : 0));
    const picked = sampleIds(shuffled, 40);
    expect(picked.every).toBe(3);
    expect(picked.ids.length).toBe(32);
    expect(picked.ids.slice(0, 3)).toEqual(['J-000001', 'J-000004', 'J-000007']);
    expect(sampleIds(ids, 40)).toEqual(picked);
    const s = new JobsSample(picked.ids, picked.every);
    for (const id of shuffled) s.add({ job: id, type: 'export', drives: '2', final_state: 'Completed' });
    expect(s.jobs[1]).toEqual({ job: 'J-000004', type: 'export', drives: 2, finalState: 'Completed' });
    expect(new JobsSample(['J-X'], 1).jobs).toEqual([{ job: 'J-X', type: '', drives: null, finalState: '' }]);
  });

  it('JobsTally collects turnaround by type and skips empty cells', () => {
    const t = new JobsTally();
    t.add({ job: 'J-1', type: 'import', turnaround_days: '10.5' });
    t.add({ job: 'J-2', type: 'export', turnaround_days: '7' });
    t.add({ job: 'J-3', type: 'import', turnaround_days: '' });
    expect(t.count).toBe(3);
    expect(t.ids).toEqual(['J-1', 'J-2', 'J-3']);
    expect(t.turnaround).toEqual({ import: [10.5], export: [7] });
  });
});

describe('bucketing long runs', () => {
  it('a ten-year daily time series becomes at most MAX_TIME_POINTS rows of means', () => {
    const rows = Array.from({ length: 3650 }, (_, d) => ({ date: T0 + d * DAY, values: { jobs_Creating: d % 2 ? 10 : 20, empty: null } }));
    const b = bucketTimeseries(rows);
    expect(b.rows.length).toBeLessThanOrEqual(MAX_TIME_POINTS);
    expect(b.bucketDays).toBe(5);
    expect(b.rows[0].values.jobs_Creating).toBe(16); // (20+10+20+10+20)/5
    expect(b.rows[0].values.empty).toBeNull();
    expect(bucketTimeseries(rows.slice(0, 100)).bucketDays).toBe(1);
  });

  it('more than MAX_WEEK_BUCKETS weeks of firings merge into k-week buckets, totals kept', () => {
    const weeks = new Map<number, Map<string, number>>();
    for (let w = 0; w < 600; w++) weeks.set(w, new Map([['R-FINISH', 2], ['R-FAULT', w % 2]]));
    const b = bucketWeeks(weeks, T0);
    expect(b.bucketDays).toBe(21);
    expect(new Set(b.counts.map((c) => c.start)).size).toBeLessThanOrEqual(MAX_WEEK_BUCKETS);
    expect(b.counts.filter((c) => c.rule === 'R-FINISH').reduce((a, c) => a + c.count, 0)).toBe(1200);
    expect(bucketWeeks(new Map(), T0)).toEqual({ counts: [], bucketDays: 7 });
  });
});

describe('checks.json and sweep.csv', () => {
  it('reads byRule as numbers, objects or arrays, or counts the list', () => {
    const v = { rule: 'R-FINISH', entity: 'job', id: 'J-1', job: 'J-1', time: at(1), message: 'x' };
    expect(normalizeChecks({ rows: 10, violations: [v], byRule: { 'R-FINISH': 1, 'R-FAULT': 0 } })).toMatchObject({ rows: 10, total: 1, byRule: { 'R-FINISH': 1, 'R-FAULT': 0 } });
    expect(normalizeChecks({ violations: [v, v], byRule: { 'R-FINISH': { checked: 4, violations: 2 } } }).byRule).toEqual({ 'R-FINISH': 2 });
    expect(normalizeChecks({ violations: [v], byRule: { 'R-FINISH': [v] } }).byRule).toEqual({ 'R-FINISH': 1 });
    expect(normalizeChecks({ violations: [v, v] })).toMatchObject({ rows: null, total: 2, byRule: { 'R-FINISH': 2 } });
    expect(normalizeChecks(null)).toMatchObject({ total: 0, violations: [] });
    expect(normalizeChecks({ violations: Array(500).fill(v) }).violations.length).toBe(200);
  });

  it('sweep.csv: every column that is not variant/kpi/mean/halfWidth/sd/n is a parameter', () => {
    const rows = sweepRows(
      [
        { variant: 'a', copyStations: '2', policy: 'strict', kpi: 'throughputPerDay', mean: '3.5', halfWidth: '0.2', n: '10' },
        { variant: 'b', copyStations: '3', policy: 'strict', kpi: 'throughputPerDay', mean: '', halfWidth: '', n: '10' },
      ],
      ['variant', 'copyStations', 'policy', 'kpi', 'mean', 'halfWidth', 'n'],
    );
    expect(rows).toEqual([{ variant: 'a', params: { copyStations: 2, policy: 'strict' }, kpi: 'throughputPerDay', mean: 3.5, halfWidth: 0.2, n: 10 }]);
  });

  it('sweep.csv as iesim sweep writes it: label, half_width and diff_* columns are not parameters', () => {
    const fields = ['variant', 'label', 'datacenter.copyStations', 'kpi', 'mean', 'sd', 'half_width', 'n', 'diff_vs_baseline', 'diff_half_width'];
    const rows = sweepRows(
      [{ variant: '0', label: 'datacenter.copyStations=16', 'datacenter.copyStations': '16', kpi: 'turnaround.p50', mean: '7.02', sd: '0.12', half_width: '0.30', n: '3', diff_vs_baseline: '0', diff_half_width: '0' }],
      fields,
    );
    expect(rows).toEqual([{ variant: 'datacenter.copyStations=16', params: { 'datacenter.copyStations': 16 }, kpi: 'turnaround.p50', mean: 7.02, halfWidth: 0.3, n: 3 }]);
  });
});
