/**
 * Deterministic micro-scenarios: every mishap off, fixed delays, calendars
 * open around the clock, one job from a trace at t = 0. A test switches on
 * what it checks and asserts the timeline rows exactly, SimPy-style.
 *
 * Baseline import job (1 drive, 86.4 GB at 1 MB/s = 1 day of copy):
 *   d0 put · d1 Shipping · d1.5 ship · d4.5 arrive · d5.5 Received, Transferring
 *   d6.5 Packaging · d7.5 return shipped, Completed · d10.5 delivered · d97.5 deleted (R-RETENTION)
 */
import { validateScenario } from '../../src/scenarios/validate.js';
import { deepMerge } from '../../src/scenarios/read.js';
import { Model } from '../../src/model/model.js';
import type { TraceJob } from '../../src/model/arrivals.js';
import type { RunSummary } from '../../src/model/summary.js';
import { keptDrive, keptJob, type JobRecord, type DriveRecord, type DayRecord } from '../../src/model/records.js';
import { DAY, HOUR } from '../../src/sim/time.js';

export { DAY, HOUR };

const always = { days: [0, 1, 2, 3, 4, 5, 6], hours: [0, 24] };
const fixed = (value: string | number) => ({ dist: 'fixed', value });

export const QUIET = {
  name: 'micro',
  seed: 1,
  start: '2026-03-02T00:00:00Z', // a Monday
  horizon: '200d',
  arrivals: { bytesPerDrive: fixed('86.4GB') },
  customer: {
    neverShips: 0, updatesWhileCreating: fixed(0), updateGap: fixed('1d'), shipDelay: fixed('1d'),
    missingDeliveryPackage: 0, missingReturnAddress: 0, fixesRefusal: 1, fixDelay: fixed('2d'),
    shipsBeforeShippingState: 0, packageToCarrier: fixed('12h'), cancels: 0, cancelDelay: fixed('1d'),
    deletesWhileCreating: 0, deleteDelay: fixed('12h'), deletesAfterFinish: 0, deleteAfterFinishDelay: fixed('5d'),
    deleteAttemptWhileShipping: 0, reachable: 1, replyDelay: fixed('2d'), cancelOnOverdue: 0, reexportAfterDamage: 0,
  },
  carrier: {
    transit: fixed('3d'), lostPackage: 0, delayedPackage: 0, delay: fixed('20d'), missingDrive: 0, missingDriveFollows: 0,
    followDelay: fixed('0d'), extraDrive: 0, orphanDrive: 0, noJobPackagesPerDay: 0, returnTransit: fixed('3d'),
    returnLost: 0, returnDamaged: 0,
  },
  datacenter: {
    dockCalendar: always, dockDelay: fixed(1), copyStations: 2, copyCalendar: always,
    copyThroughput: fixed('1MB'), copyOverhead: fixed('0d'), copyOutcome: { info: 0, warnings: 0, errors: 0 },
    packagingDelay: fixed(1), badReturnAddress: 0, incompleteBlobList: 0,
  },
  operations: { operators: 1, calendar: always, contactEffort: fixed('1h') },
  faults: { drive: 0, job: 0, resolution: fixed('1d'), unresolved: 0 },
  rules: { overdueExtension: fixed('7d'), earlyReturnable: 1 },
};

export interface Row {
  /** Days since the start (exact: 5.5 is 5 days 12 hours). */
  day: number;
  kind: string;
  entity: string;
  id: string;
  job: string;
  from: string;
  to: string;
  rule: string;
  pkg: string;
  detail: string;
}

export interface MicroRun {
  rows: Row[];
  summary: RunSummary;
  jobs: JobRecord[];
  drives: DriveRecord[];
  days: DayRecord[];
  model: Model;
}

/** Runs the quiet baseline with `overrides` merged in, and a trace of jobs (default: one import job with one drive at t = 0). */
export function micro(overrides: Record<string, unknown> = {}, trace: TraceJob[] = [{ time: 0, type: 'import', drives: 1 }]): MicroRun {
  const scenario = validateScenario(deepMerge(QUIET as Record<string, unknown>, overrides), 'micro');
  const rows: Row[] = [];
  const jobs: JobRecord[] = [], drives: DriveRecord[] = [], days: DayRecord[] = [];
  const start = Date.parse(scenario.start);
  const model = new Model(scenario, {
    row: (time, kind, entity, id, job, from, to, rule, pkg, detail) =>
      rows.push({ day: (time - start) / DAY, kind, entity, id, job, from, to, rule, pkg, detail }),
    job: (r) => jobs.push(keptJob(r)),
    drive: (r) => drives.push(keptDrive(r)),
    day: (r) => days.push(r),
  }, { trace });
  const summary = model.finish();
  return { rows, summary, jobs, drives, days, model };
}

/** Rows as compact strings `day kind entity id from>to rule`, for exact, readable assertions. */
export function lines(rows: Row[], filter: (r: Row) => boolean = () => true): string[] {
  return rows.filter(filter).map((r) => `${+r.day.toFixed(6)} ${r.kind} ${r.id} ${r.from}>${r.to} ${r.rule}`.trimEnd());
}

export const byRule = (rule: string) => (r: Row) => r.rule === rule;
export const byKind = (...kinds: string[]) => (r: Row) => kinds.includes(r.kind);
export const H = 1 / 24; // one hour in days
