import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../dist/bench/floor.js', import.meta.url));

function floor(...args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('bench:floor layouts do the same work, so their times compare', () => {
  it('every layout of the model and both record sizes: same jobs, events, peak of open jobs and sum of the numbers read', () => {
    const runs = ['256', '640', 'objects', 'objects-inline', 'drive-rows', 'job-objects'].map((l) => floor('20', l));
    const work = (r: Record<string, unknown>) => ({ jobs: r.jobs, events: r.events, peakOpen: r.peakOpen, sum: r.sum });
    expect(runs[0].jobs).toBeGreaterThan(40_000);
    expect(runs[0].events as number).toBeGreaterThan(5 * (runs[0].jobs as number));
    for (const r of runs.slice(1)) expect(work(r)).toEqual(work(runs[0]));
    expect(runs.map((r) => r.layout)).toEqual(['record', 'record', 'objects', 'objects-inline', 'drive-rows', 'job-objects']);
  });

  it('jobs close after their retention, and their rows are used again: at 120 days fewer are open than have come', () => {
    for (const l of ['256', 'objects', 'drive-rows', 'job-objects']) {
      const r = floor('120', l, '300');
      expect(r.peakOpen as number, l).toBeLessThan(r.jobs as number);
    }
  });
});
