/**
 * Sweep outputs (I/O): `runs.csv` (one row per variant × replication, KPI
 * values at full precision so shards merge exactly), `variants.json`, and
 * `sweep.csv` (per variant and KPI: mean, sd, 95% half-width, n, and the
 * paired difference against variant 0 with its half-width).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { HEADLINE_KPIS } from './headline.js';
import { aggregateSweep, type RunRecord } from './aggregate.js';
import type { Variant } from './grid.js';

export interface SweepPlan {
  scenario: string;
  seed: string | number;
  replications: number;
  variants: Variant[];
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');

export function writeRuns(dir: string, records: RunRecord[]): void {
  const sorted = [...records].sort((a, b) => a.variant - b.variant || a.replication - b.replication);
  const header = ['variant', 'replication', ...HEADLINE_KPIS.map((k) => k.key)];
  const lines = sorted.map((r) => [r.variant, r.replication, ...HEADLINE_KPIS.map((k) => num(r.values[k.key]))].join(','));
  writeFileSync(join(dir, 'runs.csv'), `${header.join(',')}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
}

export function readRuns(dir: string): RunRecord[] {
  const text = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n');
  const header = text[0].split(',');
  return text.slice(1).filter(Boolean).map((line) => {
    const cells = line.split(',');
    const values: Record<string, number> = {};
    header.slice(2).forEach((k, i) => { values[k] = cells[i + 2] === '' ? NaN : Number(cells[i + 2]); });
    return { variant: Number(cells[0]), replication: Number(cells[1]), values };
  });
}

export function writePlan(dir: string, plan: SweepPlan): void {
  writeFileSync(join(dir, 'variants.json'), `${JSON.stringify(plan, null, 2)}\n`);
}

export function readPlan(dir: string): SweepPlan {
  const path = join(dir, 'variants.json');
  if (!existsSync(path)) throw new Error(`${dir}: no variants.json (is it a sweep output folder?)`);
  return JSON.parse(readFileSync(path, 'utf8')) as SweepPlan;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeSweepCsv(dir: string, plan: SweepPlan, records: RunRecord[]): void {
  const paths = Object.keys(plan.variants[0]?.params ?? {});
  const rows = aggregateSweep(records, plan.variants);
  const header = ['variant', 'label', ...paths, 'kpi', 'mean', 'sd', 'half_width', 'n', 'diff_vs_baseline', 'diff_half_width'];
  const lines = rows.map((r) => [r.variant, csvCell(r.label), ...paths.map((p) => csvCell(r.params[p])), r.kpi, num(r.mean), num(r.sd), num(r.halfWidth), r.n, num(r.diff), num(r.diffHalfWidth)].join(','));
  writeFileSync(join(dir, 'sweep.csv'), `${header.join(',')}\n${lines.join('\n')}\n`);
}
