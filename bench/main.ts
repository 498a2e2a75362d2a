/**
 * `npm run bench`: fixed-size benchmarks, each case in its own process (so
 * peak RSS is the case's own). Prints one table and writes
 * bench/results.json. Same work on every run; it reports and never fails a
 * build. Sizes: scenarios/bench.yaml (the default scenario scaled to ~1M jobs
 * a year) with the horizon shortened for 100k and 300k jobs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, renameSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable } from './measure.js';
import { generators } from './kernel.js';
import { KINDS } from './machine.js';

const SIZES = [
  { label: '100k jobs', horizon: '36.5d' },
  { label: '300k jobs', horizon: '109.5d' },
  { label: '1M jobs', horizon: '365d' },
];

/**
 * `load`: the machine's 1-minute load average just before the case ran. On
 * this 2-core machine anything above ~0.5 means something else was running,
 * and a busy neighbour costs memory-bound cases the most: read such a row's
 * figures as low.
 */
interface Row { case: string; size: string; result: Record<string, number | string> | null; error?: string; measured?: string; load?: number }

/**
 * The rows of the last bench/results.json, each with when it was measured: a
 * partial run (`npm run bench -- <case>`) replaces only its own rows, so the
 * file always holds every case.
 */
function previousRows(): Row[] {
  try {
    const last = JSON.parse(readFileSync('bench/results.json', 'utf8')) as { date?: string; cases?: Row[] };
    return (last.cases ?? []).map((r) => ({ ...r, measured: r.measured ?? last.date }));
  } catch {
    return [];
  }
}

function runCase(args: string[]): Record<string, number | string> | { error: string } {
  const p = spawnSync(process.execPath, ['--max-old-space-size=8192', '--expose-gc', join('dist', 'bench', 'case.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (p.status !== 0) return { error: (p.stderr || `exit ${p.status}`).trim().split('\n').slice(-3).join(' | ') };
  return JSON.parse(p.stdout.trim().split('\n').pop()!);
}

function main(): void {
  // Optional: a case name, to rerun one family (`npm run bench -- replications`); the cases that read the
  // 1M-job files (csv-stringify, checker, report) need the files family in the same run.
  const only = process.argv[2];
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`iesim bench on ${machine}\n`);
  const fresh: Row[] = [];
  const now = new Date().toISOString();
  const add = (name: string, size: string, args: string[]) => {
    if (only && !name.startsWith(only)) return;
    process.stderr.write(`  ${name}, ${size} …\n`);
    const load = Math.round(loadavg()[0] * 100) / 100;
    const r = runCase(args);
    fresh.push('error' in r ? { case: name, size, result: null, error: String(r.error), measured: now, load } : { case: name, size, result: r, measured: now, load });
  };
  // First, what the machine gives two threads (machine.ts): the parallel cases below read against it.
  for (const kind of KINDS) add('machine: two threads at once', kind, ['machine', kind]);
  add('kernel hold model', '1,000 entities, 10M events', ['hold', '1000', '10000000']);
  add('kernel hold model', '100,000 entities, 10M events', ['hold', '100000', '10000000']);
  add('kernel M/M/3 station', '2M customers', ['mmc', '2000000']);
  for (const s of SIZES) add('model, timeline off', s.label, ['model', s.horizon]);
  add('replications, default scenario', '8 on 1 worker', ['replications', '1']);
  add('replications, default scenario', '8 on 2 workers', ['replications', '2']);
  // The same with 4-year horizons: each thread's compilation (~0.9 s of CPU) is then a small part of the work.
  add('replications, default scenario, 4-year horizon', '8 on 1 worker', ['replications', '1', '1460d']);
  add('replications, default scenario, 4-year horizon', '8 on 2 workers', ['replications', '2', '1460d']);
  // And once the threads are compiled (a sweep after its first replications, --target-ci's later batches).
  add('replications, default scenario, threads warm', '8 on 1 worker', ['replications-warm', '1']);
  add('replications, default scenario, threads warm', '8 on 2 workers', ['replications-warm', '2']);
  const tmp = mkdtempSync(join(tmpdir(), 'iesim-bench-'));
  try {
    for (const s of SIZES) add('model + events/jobs/drives CSV', s.label, ['files', s.horizon, join(tmp, s.label.replace(/\W/g, ''))]);
    const big = join(tmp, '1Mjobs');
    add('csv-stringify alone, same rows', '1M jobs', ['stringify', join(big, 'events.csv')]);
    add('checker', '1M jobs', ['check', join(big, 'events.csv')]);
    add('charts + report', '1M jobs', ['report', big]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // A partial run keeps the other cases of the last full one (their `measured` says when).
  const rows: Row[] = only ? previousRows().map((p) => fresh.find((r) => r.case === p.case && r.size === p.size) ?? p) : fresh;
  for (const r of fresh) if (!rows.includes(r)) rows.push(r);
  const fmt = (r: Row, key: string) => (r.result && key in r.result ? r.result[key] : '');
  console.log(formatTable(
    ['case', 'size', 'seconds', 'jobs/s', 'events/s', 'rows/s', 'peak RSS MiB', 'load before', 'note'],
    rows.map((r) => [r.case, r.size, fmt(r, 'seconds'), fmt(r, 'jobsPerSecond'), fmt(r, 'eventsPerSecond'), fmt(r, 'rowsPerSecond'), fmt(r, 'peakRssMiB'), r.load ?? '',
      r.error ? `failed: ${r.error.slice(0, 80)}` : r.result?.violations !== undefined ? `${r.result.violations} violations` : r.result?.speedEach !== undefined ? `each thread at ${Number(r.result.speedEach).toFixed(2)} of its speed alone` : r.result?.poolRowsPerSecond !== undefined ? `${r.result.rows} rows; the pool's thread: ${Number(r.result.poolSeconds).toFixed(1)} s, ${Math.round(Number(r.result.poolRowsPerSecond))} rows/s` : r.result?.rows !== undefined ? `${r.result.rows} rows` : r.result?.jobs !== undefined ? `${r.result.jobs} jobs` : '']),
  ));
  const memory = rows.filter((r) => r.case === 'model, timeline off' && r.result);
  if (memory.length > 0) {
    console.log(`\n${formatTable(['memory, timeline off', 'peak open jobs', 'live heap MiB (after GC, at the end)', 'bytes per open job', 'peak RSS MiB'],
      memory.map((r) => [r.size, fmt(r, 'peakOpenJobs'), fmt(r, 'liveHeapMiB'), fmt(r, 'bytesPerOpenJob'), fmt(r, 'peakRssMiB')]))}`);
  }
  const value = (case_: string, size: string, key: string) => Number(rows.find((r) => r.case === case_ && r.size === size)?.result?.[key] ?? NaN);
  const time = (case_: string, size: string) => value(case_, size, 'seconds');
  const perEvent = (size: string) => time('model, timeline off', size) / value('model, timeline off', size, 'events');
  const ratios = [
    ['1M jobs / 100k jobs, time, timeline off (target <= 11)', time('model, timeline off', '1M jobs') / time('model, timeline off', '100k jobs')],
    // The 100k run's horizon (36.5 days) ends before any job reaches its 90 days of R-RETENTION, so its jobs
    // have fewer events (7.5 a job against 10.6 at 1M): the job ratio mixes growth with shorter lives, the
    // per-event ratio is the growth alone.
    ['1M jobs / 100k jobs, time per event, timeline off (linear: <= 1)', perEvent('1M jobs') / perEvent('100k jobs')],
    ['2 workers / 1 worker, replications/s (target >= 1.7)', time('replications, default scenario', '8 on 1 worker') / time('replications, default scenario', '8 on 2 workers')],
    ['2 workers / 1 worker, replications/s, 4-year horizons', time('replications, default scenario, 4-year horizon', '8 on 1 worker') / time('replications, default scenario, 4-year horizon', '8 on 2 workers')],
    ['2 workers / 1 worker, replications/s, threads warm', time('replications, default scenario, threads warm', '8 on 1 worker') / time('replications, default scenario, threads warm', '8 on 2 workers')],
  ].filter(([, v]) => Number.isFinite(v as number)) as [string, number][];
  if (ratios.length > 0) console.log(`\n${formatTable(['ratio', 'value'], ratios.map(([k, v]) => [k, v.toFixed(2)]))}`);
  // Replications must not depend on the number of workers: each pair's results hash alike.
  const identical = [...new Set(rows.filter((r) => r.case.startsWith('replications')).map((r) => r.case))].map((c) => {
    const hashes = rows.filter((r) => r.case === c).map((r) => r.result?.resultsSha256);
    return [c, hashes.some((h) => h === undefined) ? 'not measured' : new Set(hashes).size === 1 ? 'yes' : 'NO: they differ'];
  });
  if (identical.length > 0) console.log(`\n${formatTable(['results identical on 1 and 2 workers', ''], identical)}`);
  const gens = generators(10_000_000);
  console.log(`\n${formatTable(['seedrandom generator', 'draws/s'], gens.map((g) => [g.name, g.drawsPerSecond]))}`);
  const results = { date: now, machine, cases: rows, ratios: Object.fromEntries(ratios), identicalOnWorkers: Object.fromEntries(identical), generators: gens };
  writeFileSync('bench/results.json.tmp', `${JSON.stringify(results, null, 2)}\n`);
  renameSync('bench/results.json.tmp', 'bench/results.json');
  console.log('\nwrote bench/results.json');
}

try {
  main();
} catch (err) {
  // A benchmark reports; it never fails a build.
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
}
