/**
 * Sweeps (issue 4): a grid of variants × replications with common random
 * numbers, sweep.csv with each variant's KPIs and the paired difference
 * against variant 0; `--shard K/N` for every K then `iesim merge` gives
 * exactly the unsharded result; merge refuses incomplete, overlapping or
 * foreign shards with exit 2 and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, csvRows, expectNoStack, expectUserError, iesim, list, meanSd, read, readJson, removeDir, t95, tempDir, writeScenario, type CliResult } from './helpers.js';

const KPIS = ['turnaround.p50', 'turnaround.p95', 'turnaround.mean', 'throughputPerDay', 'copyUtilization', 'copyWait.mean', 'opsUtilization', 'drivesOnSite.mean', 'closedShare'];
const GRID = ['scenarios/default.yaml', '--set', 'datacenter.copyStations=10,20', '--set', 'horizon=60d', '-r', '2', '--quiet'];

let dir: string;
let whole: CliResult;
beforeAll(() => {
  dir = tempDir('sweep');
  whole = iesim(['sweep', ...GRID, '--workers', '2', '--out', join(dir, 'whole')]);
});
afterAll(() => removeDir(dir));

describe('iesim sweep', () => {
  it('runs 2 variants × 2 replications and writes its files', () => {
    expect(whole.status, whole.stderr).toBe(0);
    expectNoStack(whole);
    expect(whole.stdout).toContain('2 variants × 2 replications');
    expect(list(join(dir, 'whole'))).toEqual(['manifest.json', 'runs.csv', 'sweep.csv', 'variants.json']);
    const plan = readJson(join(dir, 'whole', 'variants.json'));
    expect(plan.replications).toBe(2);
    expect(plan.variants.map((v: { label: string }) => v.label)).toEqual(['datacenter.copyStations=10', 'datacenter.copyStations=20']);
  });

  it('sweep.csv has every variant × KPI with mean, CI and the paired difference; variant 0\'s difference is 0', () => {
    const text = read(join(dir, 'whole', 'sweep.csv'));
    expect(text.split('\n')[0]).toBe('variant,label,datacenter.copyStations,kpi,mean,sd,half_width,n,diff_vs_baseline,diff_half_width');
    const rows = csvRows(text);
    expect(rows).toHaveLength(2 * KPIS.length);
    expect(rows.map((r) => `${r.variant}/${r.kpi}`)).toEqual([0, 1].flatMap((v) => KPIS.map((k) => `${v}/${k}`)));
    for (const r of rows) {
      expect(r['datacenter.copyStations']).toBe(r.variant === '0' ? '10' : '20');
      expect(r.n).toBe('2');
      if (r.variant === '0') {
        expect(Number(r.diff_vs_baseline), r.kpi).toBe(0);
        expect(Number(r.diff_half_width), r.kpi).toBe(0);
      }
    }
    // Twice the stations: much less waiting for one.
    const wait = (v: string) => Number(rows.find((r) => r.variant === v && r.kpi === 'copyWait.mean')!.mean);
    expect(wait('1')).toBeLessThan(wait('0'));
  });

  it('the paired difference is the mean and Student-t CI of the per-replication differences in runs.csv', () => {
    const runs = csvRows(read(join(dir, 'whole', 'runs.csv')));
    expect(runs.map((r) => `${r.variant}/${r.replication}`)).toEqual(['0/0', '0/1', '1/0', '1/1']);
    const sweep = csvRows(read(join(dir, 'whole', 'sweep.csv')));
    for (const k of KPIS) {
      const at = (v: string, rep: string) => Number(runs.find((r) => r.variant === v && r.replication === rep)![k]);
      const diffs = ['0', '1'].map((rep) => at('1', rep) - at('0', rep));
      if (diffs.some(Number.isNaN)) continue;
      const { mean, sd } = meanSd(diffs);
      const row = sweep.find((r) => r.variant === '1' && r.kpi === k)!;
      expect(Number(row.diff_vs_baseline), k).toBeCloseTo(mean, 9);
      expect(Number(row.diff_half_width), k).toBeCloseTo(t95(1) * sd / Math.SQRT2, 2);
      const own = meanSd(['0', '1'].map((rep) => at('1', rep)));
      expect(Number(row.mean), k).toBeCloseTo(own.mean, 9);
    }
  });

  it('common random numbers: with a setting that changes nothing, every paired difference is exactly 0', () => {
    // The variants differ only in a field no run of this length reaches (records are kept 90 vs 91 days).
    const r = iesim(['sweep', 'scenarios/default.yaml', '--set', 'rules.retention=90d,91d', '--set', 'horizon=40d', '-r', '2', '--quiet', '--out', join(dir, 'crn')]);
    expect(r.status, r.stderr).toBe(0);
    const rows = csvRows(read(join(dir, 'crn', 'sweep.csv'))).filter((x) => x.variant === '1');
    for (const row of rows) if (row.diff_vs_baseline !== '') expect(Number(row.diff_vs_baseline), row.kpi).toBe(0);
    const runs = csvRows(read(join(dir, 'crn', 'runs.csv')));
    expect(runs.filter((x) => x.variant === '1').map((x) => x.throughputPerDay)).toEqual(runs.filter((x) => x.variant === '0').map((x) => x.throughputPerDay));
  });

  it('results do not depend on the number of workers', () => {
    const r = iesim(['sweep', ...GRID, '--workers', '1', '--out', join(dir, 'whole-1')]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['sweep.csv', 'runs.csv', 'variants.json']) expect(read(join(dir, 'whole-1', f)), f).toBe(read(join(dir, 'whole', f)));
  });

  it('a sweep: block in the scenario gives the same sweep as --set a=v1,v2', () => {
    const file = writeScenario(dir, 'block.yaml', { extends: join(ROOT, 'scenarios', 'default.yaml'), horizon: '60d', sweep: { 'datacenter.copyStations': [10, 20] } });
    const r = iesim(['sweep', file, '-r', '2', '--quiet', '--out', join(dir, 'block')]);
    expect(r.status, r.stderr).toBe(0);
    expect(read(join(dir, 'block', 'sweep.csv'))).toBe(read(join(dir, 'whole', 'sweep.csv')));
    expect(read(join(dir, 'block', 'runs.csv'))).toBe(read(join(dir, 'whole', 'runs.csv')));
  });
});

describe('--shard K/N and iesim merge', () => {
  const shard = (k: number, n: number) => join(dir, 'shards', `${k}-of-${n}`);
  beforeAll(() => {
    mkdirSync(join(dir, 'shards'), { recursive: true });
    for (const k of [1, 2, 3]) {
      const r = iesim(['sweep', ...GRID, '--shard', `${k}/3`, '--workers', '1', '--out', shard(k, 3)]);
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it('each shard holds only its pairs (index mod N = K−1) and no sweep.csv', () => {
    const pairs = [1, 2, 3].map((k) => csvRows(read(join(shard(k, 3), 'runs.csv'))).map((r) => `${r.variant}/${r.replication}`));
    // Pair i = variant × R + replication: 0 → 0/0, 1 → 0/1, 2 → 1/0, 3 → 1/1.
    expect(pairs).toEqual([['0/0', '1/1'], ['0/1'], ['1/0']]);
    for (const k of [1, 2, 3]) expect(existsSync(join(shard(k, 3), 'sweep.csv'))).toBe(false);
  });

  it('merging every shard gives byte-identical sweep.csv and runs.csv to the unsharded run', () => {
    const out = join(dir, 'merged');
    const r = iesim(['merge', shard(3, 3), shard(1, 3), shard(2, 3), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('merged 3 shards: 2 variants × 2 replications');
    for (const f of ['sweep.csv', 'runs.csv', 'variants.json']) expect(read(join(out, f)), f).toBe(read(join(dir, 'whole', f)));
  });

  it('refuses incomplete shards with exit 2, naming what is missing, and writes nothing', () => {
    const out = join(dir, 'merge-incomplete');
    const r = iesim(['merge', shard(1, 3), shard(2, 3), '--out', out]);
    expectUserError(r, 'shards incomplete: 3 of 4 runs; missing variant/replication 1/0');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses overlapping shards with exit 2 and writes nothing', () => {
    const other = join(dir, 'shards', '1-of-2');
    expect(iesim(['sweep', ...GRID, '--shard', '1/2', '--workers', '1', '--out', other]).status).toBe(0);
    const out = join(dir, 'merge-overlap');
    const r = iesim(['merge', shard(1, 3), shard(2, 3), shard(3, 3), other, '--out', out]);
    expectUserError(r, /variant 0 replication 0 is also in .*1-of-3/);
    expect(existsSync(out)).toBe(false);
    // The same folder twice overlaps too.
    expectUserError(iesim(['merge', shard(1, 3), shard(1, 3), shard(2, 3), shard(3, 3), '--out', out]), 'is also in');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a shard of another sweep, and a folder that is no sweep output, with exit 2', () => {
    const foreign = join(dir, 'shards', 'foreign');
    expect(iesim(['sweep', 'scenarios/default.yaml', '--set', 'datacenter.copyStations=10,20', '--set', 'horizon=60d', '-r', '3', '--shard', '3/3', '--quiet', '--out', foreign]).status).toBe(0);
    const out = join(dir, 'merge-foreign');
    expectUserError(iesim(['merge', shard(1, 3), shard(2, 3), foreign, '--out', out]), /foreign: a shard of another sweep/);
    const empty = join(dir, 'not-a-sweep');
    mkdirSync(empty);
    expectUserError(iesim(['merge', shard(1, 3), empty, '--out', out]), 'not-a-sweep: no variants.json');
    expectUserError(iesim(['merge', join(dir, 'nowhere'), '--out', out]), 'nowhere: no such folder');
    expect(existsSync(out)).toBe(false);
  });

  it('a bad --shard is bad usage', () => {
    expectUserError(iesim(['sweep', ...GRID, '--shard', '4/3', '--out', join(dir, 'bad-shard')]), '--shard: expected K/N with 1 <= K <= N');
    expect(existsSync(join(dir, 'bad-shard'))).toBe(false);
  });
});
