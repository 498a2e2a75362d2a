import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/read.js';
import { ReplicationPool } from '../../src/experiments/pool.js';

describe('ReplicationPool: warm threads across batches (--target-ci)', () => {
  it('gives the same summaries on threads as on this thread, and reuses its threads for the next batch', async () => {
    const { scenario } = loadScenario('scenarios/default.yaml', ['horizon=60d']);
    const tasks = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ scenario, replication: from + i, name: 'default' }));
    const pool = new ReplicationPool();
    try {
      const first = await pool.run(tasks(0, 3), 2);
      expect(pool.threadCount).toBe(2);
      const second = await pool.run(tasks(3, 2), 2);
      expect(pool.threadCount).toBe(2); // no new threads: they stay warm
      const inline = await new ReplicationPool().run(tasks(0, 5), 1);
      expect(JSON.stringify([...first, ...second])).toBe(JSON.stringify(inline));
    } finally {
      await pool.close();
    }
    expect(pool.threadCount).toBe(0);
  });
});
