/**
 * Running the compiled CLI (`node dist/src/cli/main.js …`) from the project
 * folder, as a user would, with outputs in temporary folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `iesim ARGS…` in the project folder; fails the test if the build is missing. */
export function iesim(args: string[], timeoutMs = 60_000): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p .; npm test does it)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A user error: exit 2, a message, and no stack trace anywhere. */
export function expectUserError(r: CliResult, message: RegExp | string): void {
  expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(2);
  expectNoStack(r);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
}

export function expectNoStack(r: CliResult): void {
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('internal error');
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `iesim-${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Writes a scenario (an object as YAML, or text) and returns its path. */
export function writeScenario(dir: string, name: string, scenario: Record<string, unknown> | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof scenario === 'string' ? scenario : stringify(scenario));
  return path;
}

export const read = (path: string) => readFileSync(path, 'utf8');
export const readJson = (path: string) => JSON.parse(read(path));
export const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
/** Every file below `dir`, as sorted relative paths (charts/… included). */
export const listFiles = (dir: string): string[] =>
  list(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? listFiles(join(dir, f)).map((g) => `${f}/${g}`) : [f])).sort();

/** A CSV without quoted commas (runs.csv, sweep.csv, replications.csv) as header-keyed rows. */
export function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [cols[i], c])));
}

/** Two-sided Student-t quantile for 95% at `df` degrees of freedom (df <= 30, the cases used here). */
export function t95(df: number): number {
  const table = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
    2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
  return table[df];
}

export function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, sd };
}

/**
 * A quiet scenario whose KPIs have known means: Poisson arrivals of λ jobs a
 * day (every weekday alike), one 86.4 GB import drive a job copied at 1 MB/s
 * (exactly one day on a station), fixed delays, calendars always open, no
 * mishaps. Jobs created in H days: Poisson, mean λ·H. After the warm-up the
 * copies start as a Poisson process too, so the copy-station utilization
 * has mean λ·(1 day)/c.
 */
export function quietScenario(o: { seed: number; ratePerDay: number; horizonDays: number; warmupDays: number; copyStations: number }): Record<string, unknown> {
  const always = { days: [0, 1, 2, 3, 4, 5, 6], hours: [0, 24] };
  return {
    seed: o.seed,
    start: '2026-03-02',
    horizon: `${o.horizonDays}d`,
    warmup: `${o.warmupDays}d`,
    arrivals: {
      ratePerDay: o.ratePerDay, weekdayMultipliers: [1, 1, 1, 1, 1, 1, 1], exportFraction: 0,
      importDrives: { dist: 'fixed', value: 1 }, bytesPerDrive: { dist: 'fixed', value: '86.4GB' },
    },
    customer: {
      neverShips: 0, updatesWhileCreating: { dist: 'fixed', value: 0 }, shipDelay: { dist: 'fixed', value: '1d' },
      packageToCarrier: { dist: 'fixed', value: '12h' }, missingDeliveryPackage: 0, missingReturnAddress: 0,
      shipsBeforeShippingState: 0, cancels: 0, deletesWhileCreating: 0, deleteAttemptWhileShipping: 0, reexportAfterDamage: 0,
    },
    carrier: { transit: { dist: 'fixed', value: '3d' }, lostPackage: 0, delayedPackage: 0, missingDrive: 0, extraDrive: 0, orphanDrive: 0, noJobPackagesPerDay: 0 },
    datacenter: {
      dockCalendar: always, dockDelay: { dist: 'fixed', value: 1 }, copyStations: o.copyStations, copyCalendar: always,
      copyThroughput: { dist: 'fixed', value: '1MB' }, copyOverhead: { dist: 'fixed', value: '0d' },
    },
    faults: { drive: 0, job: 0 },
  };
}
