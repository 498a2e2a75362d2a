/**
 * Replications (issue 4): results byte-identical for any number of worker
 * threads; 95% confidence intervals that cover KPIs with a known mean;
 * --target-ci stops when precise or at --max-replications and says which.
 * Everything through the compiled CLI, outputs in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { csvRows, expectNoStack, iesim, list, listFiles, meanSd, quietScenario, read, readJson, removeDir, t95, tempDir, writeScenario, type CliResult } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('replications');
});
afterAll(() => removeDir(dir));

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

interface Estimate { mean: number; sd: number; halfWidth: number; n: number }

describe('replications on worker threads', () => {
  const runs: Record<string, CliResult> = {};
  beforeAll(() => {
    for (const w of ['1', '2']) {
      runs[w] = iesim(['run', 'scenarios/default.yaml', '--replications', '4', '--workers', w, '--set', 'horizon=60d', '--timeline', 'off', '--quiet', '--out', join(dir, `w${w}`)]);
    }
  });

  it('both runs succeed', () => {
    for (const r of Object.values(runs)) {
      expect(r.status, r.stderr).toBe(0);
      expectNoStack(r);
      expect(r.stdout).toContain('4 replications');
    }
  });

  it('summary.json and replications.csv are byte-identical for 1 and 2 workers', () => {
    for (const f of ['summary.json', 'replications.csv']) expect(read(join(dir, 'w2', f))).toBe(read(join(dir, 'w1', f)));
  });

  it('so is every other file of the folder, the manifest included', () => {
    const files = listFiles(join(dir, 'w1'));
    expect(files.filter((f) => !f.startsWith('charts/'))).toEqual(['drives.csv', 'jobs.csv', 'manifest.json', 'replications.csv', 'report.html', 'summary.json', 'timeseries.csv']);
    expect(listFiles(join(dir, 'w2'))).toEqual(files);
    for (const f of files) expect(sha(join(dir, 'w2', f)), f).toBe(sha(join(dir, 'w1', f)));
  });

  it('summary.json gives every KPI as {mean, sd, halfWidth, n} over the 4 replications, which differ', () => {
    const s = readJson(join(dir, 'w1', 'summary.json'));
    expect(s.replications).toBe(4);
    expect(s.seed).toBe(1); // an input, not a statistic
    const headline = s.headline as Record<string, Estimate>;
    expect(Object.keys(headline)).toContain('turnaround.p95');
    for (const [k, e] of Object.entries(headline)) {
      expect(Object.keys(e).sort(), k).toEqual(['halfWidth', 'mean', 'n', 'sd']);
      expect(e.n, k).toBe(4);
    }
    expect(s.kpis.turnaroundDays.p95).toEqual(headline['turnaround.p95']);
    const rows = csvRows(read(join(dir, 'w1', 'replications.csv')));
    expect(rows.map((r) => r.replication)).toEqual(['0', '1', '2', '3']);
    // Independent streams per replication: no two replications alike.
    expect(new Set(rows.map((r) => r.throughputPerDay)).size).toBe(4);
    // The estimates are those of the rows (rows are rounded to 6 decimals).
    const xs = rows.map((r) => Number(r['turnaround.p95']));
    const { mean, sd } = meanSd(xs);
    const e = headline['turnaround.p95'];
    expect(e.mean).toBeCloseTo(mean, 5);
    expect(e.sd).toBeCloseTo(sd, 5);
    expect(e.halfWidth / (t95(3) * sd / 2)).toBeCloseTo(1, 3);
  });
});

describe('confidence intervals on KPIs with a known mean', () => {
  // λ = 4 jobs a day over 120 days; each copy takes one day on one of 10 stations.
  const lambda = 4, horizon = 120, stations = 10, R = 20;
  let s: Record<string, any>;
  let r: CliResult;
  beforeAll(() => {
    // The seed is fixed (chosen before looking), so the test is deterministic.
    const file = writeScenario(dir, 'known-mean.yaml', quietScenario({ seed: 2026, ratePerDay: lambda, horizonDays: horizon, warmupDays: 20, copyStations: stations }));
    r = iesim(['run', file, '--replications', String(R), '--workers', '2', '--timeline', 'off', '--quiet', '--out', join(dir, 'known')]);
    s = readJson(join(dir, 'known', 'summary.json'));
  });

  it('runs 20 replications', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(s.replications).toBe(R);
  });

  it('jobs created (a Poisson count, mean λ·H = 480): the 95% CI covers it', () => {
    const e = s.jobs.created as Estimate;
    expect(e.n).toBe(R);
    expect(Math.abs(e.mean - lambda * horizon)).toBeLessThanOrEqual(e.halfWidth);
    // And it is the Student-t interval of that sd …
    expect(e.halfWidth / (t95(R - 1) * e.sd / Math.sqrt(R))).toBeCloseTo(1, 3); // the table has 4 digits
    // … whose sd fits the Poisson variance λ·H (99% chi-square bounds, 19 df: 7.633 … 38.582).
    const chi2 = ((R - 1) * e.sd ** 2) / (lambda * horizon);
    expect(chi2).toBeGreaterThan(7.633);
    expect(chi2).toBeLessThan(38.582);
  });

  it('copy-station utilization after the warm-up (mean λ·S/c = 0.4): the 95% CI covers it', () => {
    const e = s.headline.copyUtilization as Estimate;
    expect(e.n).toBe(R);
    expect(Math.abs(e.mean - (lambda * 1) / stations)).toBeLessThanOrEqual(e.halfWidth);
    // A real interval, not a degenerate one that covers by accident or never could.
    expect(e.halfWidth).toBeGreaterThan(0.001);
    expect(e.halfWidth).toBeLessThan(0.05);
  });
});

describe('--target-ci', () => {
  let file: string;
  beforeAll(() => {
    file = writeScenario(dir, 'target.yaml', quietScenario({ seed: 7, ratePerDay: 4, horizonDays: 120, warmupDays: 20, copyStations: 40 }));
  });
  // No errors, no contacts and no copy waits: those KPIs are 0 in every replication (precise);
  // the others vary a few percent between replications.
  const calm = ['--set', 'datacenter.copyOutcome.errors=0', '--set', 'datacenter.badReturnAddress=0'];

  it('adds replications until every headline KPI is within the target, and says so', () => {
    const out = join(dir, 'target-met');
    const r = iesim(['run', file, ...calm, '--target-ci', '5%', '--max-replications', '30', '--workers', '2', '--timeline', 'off', '--quiet', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const m = /target ±5% reached after (\d+) replications/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const n = Number(m![1]);
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThan(30);
    const s = readJson(join(out, 'summary.json'));
    expect(s.replications).toBe(n);
    expect(s.replicationNote).toBe(`target ±5% reached after ${n} replications`);
    expect(csvRows(read(join(out, 'replications.csv')))).toHaveLength(n);
    for (const [k, e] of Object.entries(s.headline as Record<string, Estimate>)) {
      expect(e.n, k).toBe(n);
      if (e.sd > 0) expect(e.halfWidth, k).toBeLessThanOrEqual(0.05 * Math.abs(e.mean));
    }
    expect(r.stderr).not.toContain('stopped at the maximum');
  });

  it('where it stops does not depend on the number of workers', () => {
    const out = join(dir, 'target-met-4');
    const r = iesim(['run', file, ...calm, '--target-ci', '5%', '--max-replications', '30', '--workers', '4', '--timeline', 'off', '--quiet', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(read(join(out, 'summary.json'))).toBe(read(join(dir, 'target-met', 'summary.json')));
    expect(read(join(out, 'replications.csv'))).toBe(read(join(dir, 'target-met', 'replications.csv')));
  });

  it('stops at --max-replications when the target is out of reach, and says which KPIs are still wide', () => {
    const out = join(dir, 'target-missed');
    const r = iesim(['run', file, '--target-ci', '0.1%', '--max-replications', '4', '--workers', '2', '--timeline', 'off', '--quiet', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expectNoStack(r);
    expect(r.stderr).toMatch(/stopped at the maximum of 4 replications; still wider than ±0\.1%: .*throughputPerDay/);
    const s = readJson(join(out, 'summary.json'));
    expect(s.replications).toBe(4);
    expect(s.replicationNote).toMatch(/^stopped at the maximum of 4 replications/);
    expect(csvRows(read(join(out, 'replications.csv')))).toHaveLength(4);
  });

  it('a target that is no percentage is bad usage (exit 2) and writes nothing', () => {
    const out = join(dir, 'target-bad');
    const r = iesim(['run', file, '--target-ci', '5', '--out', out]);
    expect(r.status).toBe(2);
    expectNoStack(r);
    expect(r.stderr).toContain('--target-ci: expected a percentage such as 5%, got "5"');
    expect(list(dir).filter((f) => f.includes('target-bad'))).toEqual([]);
  });
});
