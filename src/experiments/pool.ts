/**
 * Runs replications on worker threads. Each replication depends only on
 * (scenario, seed, replication index), and results are returned in task
 * order, so the outcome is byte-identical whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
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
 */
export class ReplicationPool {
  private readonly threads: Worker[] = [];

  /**
   * Runs `tasks` on up to `workers` threads (on this thread when `workers` <= 1
   * or there is one task); results come back in task order.
   */
  async run(tasks: ReplicationTask[], workers: number, onDone?: (done: number) => void): Promise<RunSummary[]> {
    const results: RunSummary[] = new Array(tasks.length);
    let done = 0;
    if (workers <= 1 || tasks.length <= 1) {
      for (let i = 0; i < tasks.length; i++) {
        const t = tasks[i];
        results[i] = runModel(t.scenario, {}, { timeline: { kind: 'off' }, replication: t.replication, trace: t.trace, name: t.name });
        onDone?.(++done);
        // Let the event loop breathe (progress bar, signals) between replications.
        await new Promise((r) => setImmediate(r));
      }
      return results;
    }
    const used = this.take(Math.min(workers, tasks.length));
    let next = 0;
    const listeners: (() => void)[] = [];
    try {
      await Promise.all(used.map((w) => new Promise<void>((resolve, reject) => {
        const feed = () => {
          if (next >= tasks.length) return resolve();
          const id = next++;
          w.postMessage({ id, task: tasks[id] });
        };
        const onMessage = (m: { id: number; summary?: RunSummary; error?: string }) => {
          if (m.error) return reject(new Error(`replication ${tasks[m.id].replication} failed in a worker: ${m.error}`));
          results[m.id] = m.summary!;
          onDone?.(++done);
          feed();
        };
        w.on('message', onMessage);
        w.on('error', reject);
        listeners.push(() => { w.off('message', onMessage); w.off('error', reject); });
        feed();
      })));
    } catch (err) {
      // A failed batch may leave replications running: these threads are not reused.
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
