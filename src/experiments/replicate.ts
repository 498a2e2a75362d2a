/**
 * Replications for `iesim run`: replication 0 is the run whose files are
 * written; the others run on worker threads, KPIs only. With a target
 * precision, batches are added until every headline KPI's 95% half-width is
 * within it, or the maximum is reached.
 */
import type { RunSummary } from '../model/summary.js';
import type { Scenario } from '../scenarios/schema.js';
import type { TraceJob } from '../model/arrivals.js';
import { ReplicationPool } from './pool.js';
import { impreciseKpis } from './aggregate.js';
import { plural } from '../plural.js';

export interface ReplicationPlan {
  replications: number;
  workers: number;
  /** Relative half-width target (0.05 = 5%), or undefined for a fixed count. */
  targetCi?: number;
  maxReplications: number;
}

export interface ReplicationOutcome {
  summaries: RunSummary[];
  /** Why the replications stopped, for the user. */
  note: string;
  targetMet: boolean | null;
}

/**
 * Starts replications 1..R−1 at once (on this thread, between the slices of
 * replication 0 whose files it writes, and on `workers − 1` worker threads),
 * and returns a function that, given replication 0's summary, waits for them and adds batches until
 * the target precision is met.
 */
export function startReplications(scenario: Scenario, name: string, trace: TraceJob[] | undefined, plan: ReplicationPlan, onDone: (n: number) => void): (first: RunSummary) => Promise<ReplicationOutcome> {
  // One pool for the first replications and every batch --target-ci adds: its threads stay warm.
  const pool = new ReplicationPool();
  const batch = (from: number, count: number, workers: number) =>
    pool.run(Array.from({ length: count }, (_, i) => ({ scenario, replication: from + i, name, trace })), workers, (d) => onDone(from + d));
  const early = plan.replications > 1 ? batch(1, plan.replications - 1, plan.workers) : Promise.resolve([]);
  // Keep an early failure from being reported as unhandled before it is awaited.
  early.catch(() => {});
  return async (first) => {
    try {
      return await collect(first);
    } finally {
      await pool.close();
    }
  };

  async function collect(first: RunSummary): Promise<ReplicationOutcome> {
    const summaries = [first, ...(await early)];
    if (plan.targetCi === undefined) return { summaries, note: plural(summaries.length, 'replication'), targetMet: null };
    const pct = `${+(plan.targetCi * 100).toFixed(3)}%`;
    for (;;) {
      const open = impreciseKpis(summaries, plan.targetCi);
      if (open.length === 0) return { summaries, note: `target ±${pct} reached after ${summaries.length} replications`, targetMet: true };
      if (summaries.length >= plan.maxReplications) {
        return { summaries, note: `stopped at the maximum of ${plan.maxReplications} replications; still wider than ±${pct}: ${open.join(', ')}`, targetMet: false };
      }
      // Run a batch as wide as the workers, but judge precision after each
      // replication in index order and drop the rest: where the run stops
      // must not depend on the number of workers.
      const more = await batch(summaries.length, Math.min(Math.max(plan.workers, 2), plan.maxReplications - summaries.length), plan.workers);
      for (const s of more) {
        summaries.push(s);
        if (summaries.length >= plan.maxReplications || impreciseKpis(summaries, plan.targetCi).length === 0) break;
      }
    }
  }
}
