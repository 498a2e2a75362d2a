import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/read.js';
import { ReplicationPool, START_THREADS_AFTER_MS } from '../../src/experiments/pool.js';

/** Six 30-day replications of the default scenario: well under a second of work in all. */
function sixShortTasks() {
  const { scenario } = loadScenario('scenarios/default.yaml', ['horizon=30d']);
  return Array.from({ length: 6 }, (_, i) => ({ scenario, replication: i, name: 'default' }));
}

describe('ReplicationPool: warm threads across batches (--target-ci)', () => {
  it('gives the same summaries on threads as on this thread, and reuses its threads for the next batch', async () => {
    const { scenario } = loadScenario('scenarios/default.yaml', ['horizon=60d']);
    const tasks = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ scenario, replication: from + i, name: 'default' }));
    const pool = new ReplicationPool({ startThreadsAfterMs: 0 }); // threads at once, whatever the work
    try {
      const first = await pool.run(tasks(0, 4), 3);
      expect(pool.threadCount).toBe(2); // this thread is the third worker
      const second = await pool.run(tasks(4, 3), 3);
      expect(pool.threadCount).toBe(2); // no new threads: they stay warm
      const inline = await new ReplicationPool().run(tasks(0, 7), 1);
      expect(JSON.stringify([...first, ...second])).toBe(JSON.stringify(inline));
    } finally {
      await pool.close();
    }
    expect(pool.threadCount).toBe(0);
  });

  it('with --workers 2, this thread and one worker thread share the replications, each taking the next free task', async () => {
    const tasks = sixShortTasks();
    const pool = new ReplicationPool({ startThreadsAfterMs: 0 });
    try {
      let reported = 0;
      const two = await pool.run(tasks, 2, (d) => { reported = d; });
      expect(pool.threadCount).toBe(1);
      expect(reported).toBe(6);
      expect(two.map((s) => s.replication)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(JSON.stringify(two)).toBe(JSON.stringify(await new ReplicationPool().run(tasks, 1)));
    } finally {
      await pool.close();
    }
  });

  it('a short batch stays on this thread: no worker thread is started while the work left is under START_THREADS_AFTER_MS', async () => {
    // A cold thread would cost more than this little work gives.
    const tasks = sixShortTasks();
    expect(START_THREADS_AFTER_MS).toBeGreaterThanOrEqual(1000);
    const pool = new ReplicationPool();
    try {
      const adaptive = await pool.run(tasks, 2);
      expect(pool.threadCount).toBe(0);
      expect(JSON.stringify(adaptive)).toBe(JSON.stringify(await new ReplicationPool().run(tasks, 1)));
    } finally {
      await pool.close();
    }
  });

  it('a long batch starts the worker threads after this thread\'s first replication shows the work left is worth them', async () => {
    const tasks = sixShortTasks();
    const pool = new ReplicationPool({ startThreadsAfterMs: 1e-9 }); // any work left is worth a thread
    try {
      let reported = 0;
      const summaries = await pool.run(tasks, 2, (d) => { reported = d; });
      expect(pool.threadCount).toBe(1);
      expect(reported).toBe(6);
      expect(summaries.map((s) => s.replication)).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await pool.close();
    }
  });
});
