/** summary.json of one run (docs/outputs.md), built from the world at the horizon. */
import { DAY } from '../sim/time.js';
import type { TallySummary } from '../sim/statistics.js';
import { JOB_STATES } from '../spec/states.js';
import type { World } from './world.js';

export interface DriveCounts {
  listed: number; extra: number; orphan: number; undefined: number; shippedBack: number; returned: number;
  destroyed: number; neverReceived: number; onSiteAtHorizon: number; notShipped: number;
}

export interface RunSummary {
  scenario: string;
  seed: string | number;
  replication: number;
  start: string;
  horizon: string;
  warmup: string;
  events: number;
  timelineRows: number;
  jobs: { created: number; import: number; export: number; finished: number; completed: number; closed: number; cancelled: number; deleted: number; openAtHorizon: number };
  drives: DriveCounts;
  kpis: {
    throughputPerDay: number;
    turnaroundDays: TallySummary;
    turnaroundImportDays: TallySummary;
    turnaroundExportDays: TallySummary;
    timeInStateDays: Record<string, TallySummary>;
    copyWaitDays: TallySummary;
    opsWaitDays: TallySummary;
    copyUtilization: number;
    opsUtilization: number;
    copyQueueMean: number;
    opsQueueMean: number;
    drivesOnSiteMean: number;
    drivesOnSitePeak: number;
    backlogAtHorizon: number;
  };
  /** Timeline rows citing each rule (counted also when the timeline is off or sampled). */
  rules: Record<string, number>;
}

/** Tallies accumulated by the record sink as jobs and drives are released. */
export interface ReleaseCounts {
  jobs: { created: number; import: number; export: number; cancelled: number; deleted: number };
  drives: DriveCounts;
}

export function buildSummary(w: World, name: string, replication: number, released: ReleaseCounts, warmupIntegrals: WarmupIntegrals): RunSummary {
  const h = w.horizon;
  const span = Math.max(1, h - w.warmup);
  const mean = (integral: number, atWarmup: number) => (integral - atWarmup) / span;
  const k = w.kpis;
  return {
    scenario: name,
    seed: w.scenario.seed,
    replication,
    start: w.sim.isoTime(0),
    horizon: w.sim.isoTime(h),
    warmup: w.sim.isoTime(w.warmup),
    events: w.sim.eventsProcessed,
    timelineRows: w.rows,
    jobs: {
      ...released.jobs,
      finished: k.finished, completed: k.completed, closed: k.closed,
      openAtHorizon: released.jobs.created - released.jobs.deleted,
    },
    drives: released.drives,
    kpis: {
      throughputPerDay: k.finished / (span / DAY),
      turnaroundDays: k.turnaround.summary(),
      turnaroundImportDays: k.turnaroundImport.summary(),
      turnaroundExportDays: k.turnaroundExport.summary(),
      timeInStateDays: Object.fromEntries(JOB_STATES.map((s, i) => [s, k.timeInState[i].summary()])),
      copyWaitDays: k.copyWait.summary(),
      opsWaitDays: k.opsWait.summary(),
      copyUtilization: mean(w.copy.busyStats.integral(h), warmupIntegrals.copyBusy) / w.copy.capacity,
      opsUtilization: mean(w.ops.busyStats.integral(h), warmupIntegrals.opsBusy) / w.ops.capacity,
      copyQueueMean: mean(w.copy.queueStats.integral(h), warmupIntegrals.copyQueue),
      opsQueueMean: mean(w.ops.queueStats.integral(h), warmupIntegrals.opsQueue),
      drivesOnSiteMean: mean(k.onSite.integral(h), warmupIntegrals.onSite),
      drivesOnSitePeak: k.onSite.max,
      backlogAtHorizon: [...w.jobs.values()].filter((j) => j.state !== 'Completed' && j.state !== 'Closed').length,
    },
    rules: w.ruleRowCounts(),
  };
}

export interface WarmupIntegrals { copyBusy: number; copyQueue: number; opsBusy: number; opsQueue: number; onSite: number }

export function readIntegrals(w: World): WarmupIntegrals {
  const t = w.sim.now;
  return {
    copyBusy: w.copy.busyStats.integral(t), copyQueue: w.copy.queueStats.integral(t),
    opsBusy: w.ops.busyStats.integral(t), opsQueue: w.ops.queueStats.integral(t), onSite: w.kpis.onSite.integral(t),
  };
}
