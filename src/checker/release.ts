/**
 * Releasing a deleted job's records: what keeps the checker's memory
 * proportional to the live jobs. Only what can still show up stays.
 */
import { disarm, type CheckState } from './context.js';
import type { DriveRec, JobRec } from './records.js';
import { leaveJobState } from './timer-rules.js';
import { DEAD } from './timer-pool.js';

/**
 * Forgets a deleted job and its drives. Drives still on site stay, detached
 * (docs/timeline.md: "except rows of its drives still on site"): early
 * arrivals keep their timers (R-EARLY-RETURN, R-EARLY-DESTROY), a late drive
 * still goes back (R-LATE-DRIVE). A return package still with the carrier is
 * remembered: its deliver or lost row may follow the deletion.
 */
export function releaseJob(ctx: CheckState, job: JobRec): void {
  job.deleted = true;
  for (const s of ['Creating', 'Shipping', 'Packaging', 'Completed'] as const) leaveJobState(ctx, job, s);
  ctx.jobs.delete(job.id);
  for (const p of job.packages) ctx.packages.deleteIf(p, job);
  if (job.returnPackage && !job.returnDelivered && !job.returnLost) rememberReturn(ctx, job.id, job.type, job.returnPackage);
  releaseDrives(ctx, job, job.drives);
  releaseDrives(ctx, job, job.extras);
  releaseDrives(ctx, job, job.orphans);
}

function releaseDrives(ctx: CheckState, job: JobRec, drives: readonly DriveRec[]): void {
  for (const x of drives) {
    if (x.onSite && x.job === job) {
      x.setJob(null);
    } else {
      // The drive may still be listed elsewhere (an orphan that another job's package brought), and
      // "has early timers" must still read true there (compact.ts's forgettable): DEAD keeps that.
      if (x.tEarlyReturn !== null) {
        disarm(ctx, x.tEarlyReturn);
        x.tEarlyReturn = DEAD;
      }
      if (x.tEarlyDestroy !== null) {
        disarm(ctx, x.tEarlyDestroy);
        x.tEarlyDestroy = DEAD;
      }
      if (ctx.drives.get(x.id) === x) ctx.drives.delete(x.id);
    }
  }
}

/**
 * How long a deleted job's return package is remembered: a year, or the
 * retention time if longer. A timeline that never delivers (or loses) its
 * returns would otherwise grow this memory with every deletion; one that
 * does forgets each return at its deliver or lost row. Not the retention
 * alone: with a short one (5 days) the job is deleted while its return is
 * still with the carrier for longer than that, and its deliver row was then
 * reported as a row for a job that does not exist.
 */
export function returnMemory(ctx: CheckState): number {
  return Math.max(ctx.durations.retention, RETURN_MEMORY_MIN);
}

const RETURN_MEMORY_MIN = 365 * 86_400_000;

/** Keeps a deleted job's return package until delivered or lost; entries older than returnMemory are dropped (bounded memory). */
export function rememberReturn(ctx: CheckState, jobId: string, type: JobRec['type'], returnPackage: string): void {
  const m = ctx.returnsInTransit;
  for (const [p, r] of m) {
    if (r.shippedAt >= ctx.now - returnMemory(ctx)) break;
    m.delete(p);
  }
  m.set(returnPackage, { jobId, type, shippedAt: ctx.now });
  if (ctx.partition !== null) ctx.rememberedReturns.add(returnPackage);
}
