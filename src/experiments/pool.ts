/**
 * Runs replications on worker threads. Each replication depends only on
 * (scenario, seed, replication index), and results are returned in task
 * order, so the outcome is byte-identical whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { workerScript } from '../worker-script.js';
import { runModel } from '../model/model.js';
import type { RunSummary } from '../model/summary.js';
import type { Scenario } from '../scenarios/schema.js';
import type { TraceJob } from '../model/arrivals.js';

export interface ReplicationTask {
  scenario: Scenario;
  replication: number;
  name: string;
  trace?: TraceJob[];
}

export async function runReplications(tasks: ReplicationTask[], workers: number, onDone?: (done: number) => void): Promise<RunSummary[]> {
  const pool = new ReplicationPool();
  try {
    return await pool.run(tasks, workers, onDone);
  } finally {
    await pool.close();
  }
}

/**
 * Worker threads kept across several batches of replications (--target-ci
 * adds batches until a precision is met): each new thread compiles the model
 * again, and its first replication of the default scenario takes ~0.45 s
 * against ~0.1 s once warm, so a batch on fresh threads pays that each time.
 *
 * `workers` counts this thread: with 2, this thread and one worker thread
 * run replications. Each takes the next task from a shared counter as it
 * becomes free, so neither waits for the other and a slow replication does
 * not hold up a queue. Why this thread too: it is already running (with
 * --workers 2 on 2 cores a second worker thread would leave it idle and pay
 * a thread start and a compilation more), and `iesim run` interleaves
 * replication 0's files with the replications it takes.
 *
 * New threads start only when the work left is worth them. A cold thread
 * costs ~0.9 s of compiler CPU (docs/performance.md), taken from the same two
 * cores: 8 default replications (~1 s of work) took 1.28–1.36 s on two
 * threads against 1.01–1.10 s on this one alone. So this thread runs the
 * first replication itself and starts the others once the replications left,
 * at its fastest pace so far (a third of it after the first, which runs
 * cold), would take it more than `startThreadsAfterMs`.
 * Threads kept warm from an earlier batch join at once. Results never depend
 * on which thread ran what.
 */
export interface PoolOptions {
  /** Start new worker threads once the replications left would take this thread longer than this (ms); 0: at once. */
  startThreadsAfterMs?: number;
}

/** Two seconds of work left (at the pace of warm runs): about twice what a cold thread's ~1 s of compilation costs on 2 cores. */
export const START_THREADS_AFTER_MS = 2000;

/** How much slower a thread's first replication is than its later ones, at least (see run()). */
const COLD_FIRST_RUN = 3;

export class ReplicationPool {
  private readonly threads: Worker[] = [];
  private readonly startAfterMs: number;

  constructor(options: PoolOptions = {}) {
    this.startAfterMs = options.startThreadsAfterMs ?? START_THREADS_AFTER_MS;
  }

  /** Runs `tasks` on this thread and up to `workers` − 1 worker threads; results come back in task order. */
  async run(tasks: ReplicationTask[], workers: number, onDone?: (done: number) => void): Promise<RunSummary[]> {
    const results: RunSummary[] = new Array(tasks.length);
    let done = 0;
    const finished = (id: number, summary: RunSummary) => {
      results[id] = summary;
      onDone?.(++done);
    };
    // The next task to take, shared with the threads (Atomics: each task is taken exactly once).
    const next = new Int32Array(new SharedArrayBuffer(4));
    const wanted = Math.min(Math.max(0, workers - 1), tasks.length - 1);
    const listeners: (() => void)[] = [];
    let used: Worker[] = [];
    let threadsDone: Promise<unknown> = Promise.resolve();
    const startThreads = () => {
      used = this.take(wanted);
      threadsDone = Promise.all(used.map((w) => new Promise<void>((resolve, reject) => {
        const onMessage = (m: { id?: number; summary?: RunSummary; error?: string; done?: boolean }) => {
          if (m.error !== undefined) reject(new Error(`replication ${tasks[m.id!].replication} failed in a worker: ${m.error}`));
          else if (m.done) resolve();
          else finished(m.id!, m.summary!);
        };
        w.on('message', onMessage);
        w.on('error', reject);
        listeners.push(() => { w.off('message', onMessage); w.off('error', reject); });
        w.postMessage({ tasks, next: next.buffer });
      })));
      threadsDone.catch(() => {}); // awaited below; a failure must not surface as unhandled meanwhile
    };
    // Warm threads from an earlier batch cost nothing to start.
    if (wanted > 0 && (this.startAfterMs <= 0 || this.threads.length >= wanted)) startThreads();
    let fastest = Infinity, ranHere = 0;
    try {
      for (let id = Atomics.add(next, 0, 1); id < tasks.length; id = Atomics.add(next, 0, 1)) {
        const t = tasks[id];
        const t0 = performance.now();
        finished(id, runModel(t.scenario, {}, { timeline: { kind: 'off' }, replication: t.replication, trace: t.trace, name: t.name }));
        fastest = Math.min(fastest, performance.now() - t0);
        // A thread's first replication runs cold, several times slower than its later ones (default scenario
        // 0.4 s against 0.08 s, 4-year horizons 0.75 s against 0.45 s): taken as the pace of the rest, it
        // started a thread for work that did not pay for it.
        const pace = ++ranHere === 1 ? fastest / COLD_FIRST_RUN : fastest;
        if (used.length < wanted && (tasks.length - Atomics.load(next, 0)) * pace > this.startAfterMs) startThreads();
        // Let the event loop breathe (progress bar, signals, the threads' results) between replications.
        await new Promise((r) => setImmediate(r));
      }
      await threadsDone;
    } catch (err) {
      // A failed batch may leave replications running: these threads are not reused.
      Atomics.store(next, 0, tasks.length);
      await this.close();
      throw err;
    } finally {
      for (const off of listeners) off();
    }
    return results;
  }

  /** Threads started so far (kept until close()). */
  get threadCount(): number {
    return this.threads.length;
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((w) => w.terminate()));
  }

  private take(n: number): Worker[] {
    const script = workerScript(import.meta.url, './worker', 'experiments', 'worker threads');
    while (this.threads.length < n) {
      // A large young generation: a replication allocates fast, and with the default one the two
      // isolates' garbage collectors fight over the cores (measured: 8 four-year replications on
      // 2 workers, 5.7 s → 4.6 s).
      const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 192 } });
      w.unref(); // idle threads never keep the process alive
      this.threads.push(w);
    }
    return this.threads.slice(0, n);
  }
}
