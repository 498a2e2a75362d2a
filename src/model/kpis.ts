/**
 * Run statistics: turnaround, time in state, waits, drives on site. Jobs
 * created before the warm-up instant are left out of the tallies, and the
 * time-weighted statistics restart at it, so an empty start does not bias
 * steady-state figures.
 */
import { Tally, TimeWeighted } from '../sim/statistics.js';
import { DAY } from '../sim/time.js';
import { JOB_STATES } from '../spec/states.js';
import type { Job } from './entities.js';

export class Kpis {
  readonly turnaround = new Tally();
  readonly turnaroundImport = new Tally();
  readonly turnaroundExport = new Tally();
  /** By JOB_STATES index. */
  readonly timeInState: Tally[] = JOB_STATES.map(() => new Tally());
  readonly copyWait = new Tally();
  readonly opsWait = new Tally();
  readonly onSite = new TimeWeighted(0, 0);
  finished = 0;
  completed = 0;
  closed = 0;

  constructor(readonly warmup: number) {}

  counts(job: Job): boolean {
    return job.created >= this.warmup;
  }

  leaveJobState(job: Job, stateIndex: number, duration: number): void {
    if (job.created >= this.warmup) this.timeInState[stateIndex].add(duration / DAY);
  }

  finish(job: Job, now: number): void {
    if (now < this.warmup) return;
    this.finished++;
    if (job.state === 'Completed') this.completed++;
    else this.closed++;
  }

  returnShipped(job: Job): void {
    if (!this.counts(job) || !Number.isFinite(job.firstDelivery)) return;
    const days = (job.returnShipped - job.firstDelivery) / DAY;
    this.turnaround.add(days);
    (job.type === 'import' ? this.turnaroundImport : this.turnaroundExport).add(days);
  }

  drivesOnSite(now: number, count: number): void {
    this.onSite.set(now, count);
  }
}
