/**
 * The floor's workload (floor.ts) on layouts like the model's, to tell what
 * each part of the model's layout costs at 100k–1M jobs. Every layout does
 * the same work per event: three numbers of the job and three of one of its
 * drives read, two and one written, the next event scheduled with the job
 * as its data. Jobs have 1–3 drives (two on average). Rows come from the
 * model's own NumberRows (chunks of Float64Array).
 *
 * - `objects`: the model's layout (entities.ts): a Job object holding its
 *   row of 23 numbers, a list of Drive objects, each holding its row of 19.
 * - `objects-inline`: the same objects and list, the drives' numbers in
 *   their job's row (23 + 3 × 19).
 * - `drive-rows`: the Job object and its row; no Drive objects or list: the
 *   drives' rows are in one table of their own, found by numbers the job's
 *   row keeps.
 * - `job-objects`: the Job object; its drives are numbers in its own row
 *   (23 + 3 × 19); no Drive objects or list.
 */
import type { Simulation } from '../src/sim/simulation.js';
import { NumberRows } from '../src/model/number-rows.js';
import { RowTable } from './row-table.js';

export const MODEL_LAYOUTS = ['objects', 'objects-inline', 'drive-rows', 'job-objects'] as const;
export type ModelLayout = (typeof MODEL_LAYOUTS)[number];

/** What a layout's handlers need of the floor run. */
export interface FloorRun {
  sim: Simulation;
  /** Delay to a job's next event, and to the next arrival. */
  step(): number;
  interarrival(): number;
  /** Events a job has before its 90 days of retention. */
  activeEvents: number;
  /** A job arrived (count it; returns its number), a job closed. */
  arrived(): number;
  closed(): void;
  /** Keeps a read value alive (the compiler could drop a read nothing uses). */
  use(x: number): void;
}

const DAY = 86_400_000;
const JOB = 23, DRIVE = 19, MAX_DRIVES = 3;

class FloorDrive {
  f = 0;
  constructor(readonly job: FloorJob, readonly a: Float64Array, readonly b: number) {}
}

class FloorJob {
  drives: FloorDrive[] = [];
  n = 0;
  readonly a: Float64Array;
  readonly b: number;
  constructor(rows: NumberRows, now: number, readonly driveCount: number) {
    this.a = rows.take();
    this.b = rows.lastBase;
    this.a[this.b + 1] = now;
  }
}

/** The arrival handler of `layout`: it makes a job and starts its events (and the next arrival). */
export function modelLayout(layout: ModelLayout, run: FloorRun): () => void {
  const { sim } = run;
  const wide = layout === 'objects-inline' || layout === 'job-objects';
  const jobRows = new NumberRows(new Float64Array(wide ? JOB + MAX_DRIVES * DRIVE : layout === 'drive-rows' ? JOB + MAX_DRIVES : JOB));
  const driveRows = new NumberRows(new Float64Array(DRIVE));
  const withObjects = layout === 'objects' || layout === 'objects-inline';

  /** The drive this event reads: its row's chunk and base. */
  let da: Float64Array = new Float64Array(0), db = 0;
  function pickDrive(job: FloorJob, k: number): void {
    if (withObjects) {
      const d = job.drives[k];
      d.f ^= 1;
      da = d.a;
      db = d.b;
    } else if (layout === 'job-objects') {
      da = job.a;
      db = job.b + JOB + k * DRIVE;
    } else {
      // drive-rows: the job's row holds the number of each drive's row in the table.
      da = driveTable.rows;
      db = job.a[job.b + JOB + k] * DRIVE;
    }
  }
  const driveTable = new RowTable(DRIVE);

  function onEvent(job: FloorJob): void {
    const a = job.a, b = job.b, now = sim.now, n = job.n;
    pickDrive(job, n % job.driveCount);
    run.use(a[b + 1] + a[b + 9] + a[b + 22] + da[db] + da[db + 7] + da[db + 18]);
    job.n = n + 1;
    a[b + 2] = now;
    a[b + 11] = now - a[b + 1];
    da[db + 3] = now;
    if (n < run.activeEvents) sim.at(now + run.step(), onEvent, job);
    else if (n === run.activeEvents) sim.at(now + 90 * DAY, onEvent, job);
    else {
      for (let k = 0; k < job.driveCount; k++) {
        if (layout === 'objects') driveRows.free(job.drives[k].a, job.drives[k].b);
        else if (layout === 'drive-rows') driveTable.free(job.a[job.b + JOB + k]);
      }
      jobRows.free(a, b);
      run.closed();
    }
  }

  return function onArrival(): void {
    const jobNumber = run.arrived();
    const job = new FloorJob(jobRows, sim.now, 1 + (jobNumber % MAX_DRIVES));
    for (let k = 0; k < job.driveCount; k++) {
      if (layout === 'objects') job.drives.push(new FloorDrive(job, driveRows.take(), driveRows.lastBase));
      else if (layout === 'objects-inline') job.drives.push(new FloorDrive(job, job.a, job.b + JOB + k * DRIVE));
      else if (layout === 'drive-rows') job.a[job.b + JOB + k] = driveTable.take();
    }
    sim.at(sim.now + run.step(), onEvent, job);
    sim.at(sim.now + run.interarrival(), onArrival);
  };
}
