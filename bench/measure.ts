/** Shared bench helpers: wall time and peak memory of one measured piece of work. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  seconds: number;
  peakRssMiB: number;
}

/**
 * Runs `work` and reports wall seconds and peak RSS. Peak RSS is sampled
 * every 20 ms and at the end (the process-wide maxRSS never goes down, so it
 * could not separate one case from the next).
 */
export function measure(work: () => void): Measurement {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage.rss();
  const t0 = performance.now();
  work();
  const seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, peakRssMiB: peak / 2 ** 20 };
}

/** What a case (case.ts) prints: its figures by name. */
export type CaseResult = Record<string, number | string>;

/**
 * Runs one case (case.ts) of the build in `root` in a process of its own, so its
 * peak RSS is its own: its JSON figures, or the last lines of what it said on failing.
 */
export function runCase(args: string[], root = '.'): CaseResult | { error: string } {
  const script = join(root, 'dist', 'bench', 'case.js');
  const p = spawnSync(process.execPath, ['--max-old-space-size=8192', '--expose-gc', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (p.status !== 0) return { error: (p.stderr || `exit ${p.status}`).trim().split('\n').slice(-3).join(' | ') };
  return JSON.parse(p.stdout.trim().split('\n').pop()!);
}

export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  const line = (r: (string | number)[]) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(Math.abs(n) >= 10 ? 1 : 3);
}
