/**
 * One benchmark case, run in its own process so its peak RSS is its own:
 * `node dist/bench/case.js <case> <args…>` prints one JSON line.
 */
import { statSync, createReadStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import { loadScenario } from '../src/scenarios/read.js';
import { Model } from '../src/model/model.js';
import { ReplicationPool, runReplications, type ReplicationTask } from '../src/experiments/pool.js';
import type { RunSummary } from '../src/model/summary.js';
import type { Scenario } from '../src/scenarios/schema.js';
import { runToFolder } from '../src/output/run-to-folder.js';
import { BATCH } from '../src/output/csv-pipeline.js';
import { BatchWriter } from '../src/output/batch-codec.js';
import { StringifyPool, defaultThreads } from '../src/output/stringify-pool.js';
import { holdModel, mmcStation } from './kernel.js';
import { interference, KINDS } from './machine.js';
import { firstTouch } from './first-touch.js';
import type { CaseResult } from './measure.js';

type Result = CaseResult;

async function main(): Promise<Result> {
  const [kind, ...args] = process.argv.slice(2);
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  switch (kind) {
    case 'machine': {
      // What a second thread costs the first, by kind of work (machine.ts).
      const kind = KINDS.find((k) => k === args[0]);
      if (kind === undefined) throw new Error(`machine: expected one of ${KINDS.join(', ')}, got ${args[0]}`);
      const r = await interference(kind);
      return { seconds: r.aloneMs[0] / 1000, aloneMs: r.aloneMs.map(Math.round).join(' '), twoMs: r.twoMs.map(Math.round).join(' '), speedEach: r.speedEach };
    }
    case 'first-touch': {
      // What a page of memory costs the first time it is written (first-touch.ts).
      const r = firstTouch(Number(args[0]));
      return { seconds: (r.firstUsPerPage * r.pages) / 1e6, pages: r.pages, firstUsPerPage: r.firstUsPerPage, againUsPerPage: r.againUsPerPage };
    }
    case 'simpy': {
      // The main path in SimPy 3 (bench/simpy/main_path.py), the reference the performance issue's aim is set against.
      const py = spawnSync('/usr/bin/python3', ['bench/simpy/main_path.py', args[0], args[1]], { encoding: 'utf8' });
      if (py.error || py.status !== 0) {
        const why = /No module named 'simpy'/.test(py.stderr ?? '') ? 'SimPy is not installed (apt-get install python3-simpy3)' : (py.error?.message ?? py.stderr.trim().split('\n').pop());
        throw new Error(`simpy: ${why}`);
      }
      const r = JSON.parse(py.stdout) as { jobs: number; seconds: number; jobsPerSecond: number; cpuSeconds: number; peakRssMiB: number };
      return { jobs: r.jobs, seconds: r.seconds, jobsPerSecond: r.jobsPerSecond, cpuSeconds: r.cpuSeconds, peakRssMiB: r.peakRssMiB };
    }
    case 'hold': {
      const r = holdModel(Number(args[0]), Number(args[1]));
      return { events: r.events, seconds: r.seconds, eventsPerSecond: r.eventsPerSecond };
    }
    case 'mmc': {
      const r = mmcStation(Number(args[0]));
      return { events: r.events, seconds: r.seconds, eventsPerSecond: r.eventsPerSecond };
    }
    case 'model': {
      // The full model, timeline off: KPIs only. Run in one-day slices (as the CLI does) to see
      // the most jobs open at once; the live heap is measured after a full GC at the end.
      const loaded = loadScenario('scenarios/bench.yaml', [`horizon=${args[0]}`]);
      const s0 = performance.now();
      const model = new Model(loaded.scenario, {}, { timeline: { kind: 'off' } });
      let peakOpen = 0;
      while (!model.done) {
        model.advance(model.now + 86_400_000);
        peakOpen = Math.max(peakOpen, model.world.openJobs);
      }
      const summary = model.finish();
      const sec = (performance.now() - s0) / 1000;
      const openAtEnd = model.world.openJobs;
      (globalThis as { gc?: () => void }).gc?.();
      const liveHeapMiB = process.memoryUsage().heapUsed / 2 ** 20;
      return {
        jobs: summary.jobs.created, events: summary.events, seconds: sec, jobsPerSecond: summary.jobs.created / sec, eventsPerSecond: summary.events / sec,
        peakOpenJobs: peakOpen, liveHeapMiB, bytesPerOpenJob: (liveHeapMiB * 2 ** 20) / Math.max(1, openAtEnd),
      };
    }
    case 'replications': {
      // 8 replications of the default scenario on `args[0]` workers (the CLI's pool), over `args[1]` if given.
      const loaded = loadScenario('scenarios/default.yaml', args[1] ? [`horizon=${args[1]}`] : []);
      const s0 = performance.now();
      const results = await runReplications(replicationTasks(loaded.scenario, 0, 8), Number(args[0]));
      return replicationResult(results, s0);
    }
    case 'replications-warm': {
      // A sweep's steady state: the pool's threads have run replications before (here 32, untimed, with
      // every thread started at once), so each is compiled; then 8 replications of the default scenario.
      const { scenario } = loadScenario('scenarios/default.yaml', []);
      const pool = new ReplicationPool({ startThreadsAfterMs: 0 });
      try {
        await pool.run(replicationTasks(scenario, 100, 32), Number(args[0]));
        const s0 = performance.now();
        return replicationResult(await pool.run(replicationTasks(scenario, 0, 8), Number(args[0])), s0);
      } finally {
        await pool.close();
      }
    }
    case 'files': {
      // The full model writing events.csv, jobs.csv, drives.csv (and timeseries, summary, manifest).
      const out = args[1];
      const loaded = loadScenario('scenarios/bench.yaml', [`horizon=${args[0]}`]);
      const s0 = performance.now();
      const summary = await runToFolder(loaded, { out, timeline: { kind: 'full' }, timelineText: 'full' });
      const sec = (performance.now() - s0) / 1000;
      const lines = async (f: string) => (await countLines(join(out, f))) - 1;
      const rows = (await lines('events.csv')) + (await lines('jobs.csv')) + (await lines('drives.csv'));
      return { jobs: summary.jobs.created, rows, seconds: sec, jobsPerSecond: summary.jobs.created / sec, rowsPerSecond: rows / sec, eventsMiB: statSync(join(out, 'events.csv')).size / 2 ** 20 };
    }
    case 'stringify': {
      // csv-stringify alone on the same rows, used as the pipeline uses it: batches of BATCH rows, each
      // stringified with csv-stringify/sync and encoded to UTF-8, on this thread (one thread), then
      // through the pipeline's pool of threads (this thread only waits). events.csv is parsed in chunks
      // (not timed), so a billion-byte timeline never sits in memory whole.
      const threads = Number(args[1] ?? defaultThreads());
      const CHUNK = 200_000;
      const encoder = new TextEncoder();
      const pool = new StringifyPool(threads, (err) => { throw err; });
      let columns: string[] | undefined;
      let rows = 0, oneMs = 0, poolMs = 0, bytes = 0;
      let chunk: string[][] = [];
      const flush = async () => {
        const batches: string[][][] = [];
        for (let i = 0; i < chunk.length; i += BATCH) batches.push(chunk.slice(i, i + BATCH));
        const options = { columns, header: false, eof: true };
        const s0 = performance.now();
        for (const b of batches) bytes += encoder.encode(stringify(b, options)).length;
        oneMs += performance.now() - s0;
        const encoded = batches.map((b) => {
          const w = new BatchWriter();
          for (const r of b) w.row(r);
          return w.take();
        });
        const p0 = performance.now();
        await Promise.all(encoded.map((batch) => new Promise<void>((resolve, reject) => {
          pool.stringify(0, batch, (err) => (err ? reject(err) : resolve()));
        })));
        poolMs += performance.now() - p0;
        rows += chunk.length;
        chunk = [];
      };
      const stream = createReadStream(args[0]);
      await new Promise<void>((resolve, reject) => {
        Papa.parse<string[]>(stream as any, {
          step: (r: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
            if (!columns) {
              columns = r.data;
              pool.open(0, columns);
              return;
            }
            chunk.push(r.data);
            if (chunk.length >= CHUNK) {
              // Pause the file too: papaparse's pause() stops parsing, not reading, and the rest of
              // the file would pile up in memory while a chunk is stringified.
              parser.pause();
              stream.pause();
              flush().then(() => { stream.resume(); parser.resume(); }, reject);
            }
          },
          complete: () => resolve(),
          error: reject,
        } as any);
      });
      await flush();
      await pool.close();
      return {
        rows, seconds: oneMs / 1000, rowsPerSecond: rows / (oneMs / 1000), csvMiB: bytes / 2 ** 20,
        poolThreads: threads, poolSeconds: poolMs / 1000, poolRowsPerSecond: rows / (poolMs / 1000),
      };
    }
    case 'check': {
      const { checkTimelineFile } = await import('../src/checker/index.js');
      const r = await checkTimelineFile(args[0], {});
      const violations = Object.values(r.byRule).reduce((a, b) => a + b, 0);
      return { rows: r.rows, seconds: seconds(), rowsPerSecond: r.rows / seconds(), violations };
    }
    case 'report': {
      const { writeReport } = await import('../src/report/index.js');
      const r = await writeReport(args[0], { quiet: true });
      return { charts: r.charts.length, seconds: seconds(), htmlMiB: statSync(r.html).size / 2 ** 20 };
    }
    default:
      throw new Error(`unknown case ${kind}`);
  }
}

/** Newlines in a file, streamed (an events.csv of a million jobs is larger than a Buffer). */
async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  }
  return n;
}

main().then(
  // cpuSeconds: every thread of the process (stringify threads, worker threads), not only this one.
  (r) => {
    const cpu = process.cpuUsage();
    // A case that ran its work in another process (simpy) gives that process's figures itself.
    process.stdout.write(`${JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: process.resourceUsage().maxRSS / 1024, ...r })}\n`);
  },
  (err) => { process.stderr.write(`${err?.stack ?? err}\n`); process.exitCode = 1; },
);

/** Replications `from` … `from + n − 1` of the default scenario (or of it with another horizon). */
function replicationTasks(scenario: Scenario, from: number, n: number): ReplicationTask[] {
  return Array.from({ length: n }, (_, i) => ({ scenario, replication: from + i, name: 'default' }));
}

/** A replications case's figures, timed from `s0`, with the hash that must not depend on the workers. */
function replicationResult(results: RunSummary[], s0: number): Result {
  const sec = (performance.now() - s0) / 1000;
  const jobs = results.reduce((a, r) => a + r.jobs.created, 0);
  return { replications: results.length, jobs, seconds: sec, jobsPerSecond: jobs / sec, resultsSha256: sha256(results) };
}

/** What a run's results hash to: the same on any number of workers. */
function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
