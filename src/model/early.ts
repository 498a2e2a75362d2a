/**
 * Drives that arrive before their job is Shipping, or for no job at all
 * (R-EARLY-ARRIVAL): operations contact the customer; unanswered after 14
 * days, they try to return the drives (R-EARLY-RETURN); drives that cannot be
 * returned are destroyed 90 days after arrival (R-EARLY-DESTROY).
 */
import { TIMERS } from '../spec/timers.js';
import { NO_TIMER, type Drive, type Job, type Package } from './entities.js';
import type { World } from './world.js';
import { customerAnswer, requestContact } from './operations.js';
import { requestShipping } from './creating.js';
import { returnDrive } from './dock.js';
import { releaseDrive } from './release.js';

/** Early drives of a job still Creating: start their timers and, once per job, the contact. */
export function startEarlyArrival(w: World, job: Job, pkg: Package): void {
  for (const d of pkg.drives) startEarlyTimers(w, d);
  if (job.earlyPending) return;
  job.earlyPending = true;
  const deadline = w.sim.now + w.durations.earlyReturn;
  requestContact(w, w.kpis.counts(job), () => {
    // No contact once none of the job's early drives is left on site: with a short rules.earlyReturn, every
    // one may have gone back (R-EARLY-RETURN) or been destroyed before operations got to the call. An orphan
    // that came in the same package is no drive of the job's (R-ORPHAN-DRIVE) and calls for no contact.
    if (job.state !== 'Creating' || job.isDeleted || !holdsOwnDrives(job)) return;
    w.emitJob(job, 'contact', '', '', 'R-EARLY-ARRIVAL');
    job.escalations++;
    const answer = customerAnswer(w);
    // Reached only if the answer comes before the drives' return deadline.
    if (answer !== null && w.sim.now + answer < deadline) w.sim.after(answer, onJobReply, job);
    function onJobReply(j: Job): void {
      if (j.state !== 'Creating' || j.isDeleted || j.held.length === 0) return;
      w.emitJob(j, 'reply', '', '', 'R-EARLY-ARRIVAL');
      for (const p of j.held) for (const d of p.drives) stopEarlyTimers(w, d);
      j.earlyPending = false;
      // The customer completes the job and sets Shipping (R-SHIP-REQUIRES rows).
      j.hasDeliveryPackage = true;
      j.hasReturnAddress = true;
      requestShipping(w, j, false);
    }
  });
}

/** Drives of no job record: one contact for the package, a row per drive. */
export function startNoJobArrival(w: World, drives: Drive[]): void {
  for (const d of drives) startEarlyTimers(w, d);
  const deadline = w.sim.now + w.durations.earlyReturn;
  requestContact(w, false, () => {
    const here = drives.filter((d) => d.onSite);
    for (const d of here) w.emitDrive(d.traced, d, 'contact', '', '', 'R-EARLY-ARRIVAL');
    const answer = customerAnswer(w);
    if (answer === null || w.sim.now + answer >= deadline || here.length === 0) return;
    w.sim.after(answer, () => {
      for (const d of here) {
        if (!d.onSite || d.earlyReturnTimer === NO_TIMER) continue;
        w.emitDrive(d.traced, d, 'reply', '', '', 'R-EARLY-ARRIVAL');
        stopEarlyTimers(w, d);
        returnDrive(w, d, 'R-EARLY-ARRIVAL');
      }
    });
  });
}

function startEarlyTimers(w: World, d: Drive): void {
  d.earlyReturnTimer = w.startTimer('earlyReturn', onEarlyReturn, { w, d });
}

function stopEarlyTimers(w: World, d: Drive): void {
  d.earlyReturnTimer = w.cancelTimer(d.earlyReturnTimer);
  d.earlyDestroyTimer = w.cancelTimer(d.earlyDestroyTimer);
}

function onEarlyReturn({ w, d }: { w: World; d: Drive }): void {
  d.earlyReturnTimer = NO_TIMER;
  if (!d.onSite) return;
  if (w.chance(w.scenario.rules.earlyReturnable, w.streams.ops)) {
    w.emitDrive(d.traced, d, 'return', '', '', 'R-EARLY-RETURN', '', `timer=${TIMERS.earlyReturn.name}`);
    d.returned = w.sim.now;
    w.setOnSite(d, false);
    forgetHeld(d);
    if (d.job === null || d.job.isDeleted || d.role !== 'listed') releaseDrive(w, d);
  } else {
    d.earlyDestroyTimer = w.startTimer('earlyDestroy', onEarlyDestroy, { w, d }, d.arrived + w.durations.earlyDestroy);
  }
}

function onEarlyDestroy({ w, d }: { w: World; d: Drive }): void {
  d.earlyDestroyTimer = NO_TIMER;
  if (!d.onSite) return;
  w.emitDrive(d.traced, d, 'destroy', '', '', 'R-EARLY-DESTROY', '', `timer=${TIMERS.earlyDestroy.name}`);
  d.destroyed = w.sim.now;
  w.setOnSite(d, false);
  forgetHeld(d);
  if (d.job === null || d.job.isDeleted || d.role !== 'listed') releaseDrive(w, d);
}

/** Whether a listed or extra drive of the job is among its held (early) packages' drives on site. */
function holdsOwnDrives(job: Job): boolean {
  return job.held.some((p) => p.drives.some((d) => d.role !== 'orphan' && d.onSite));
}

/** A returned or destroyed early drive leaves its job's held packages. */
function forgetHeld(d: Drive): void {
  const job = d.job ?? d.carrier;
  if (!job) return;
  for (const p of job.held) {
    const i = p.drives.indexOf(d);
    if (i >= 0) p.drives.splice(i, 1);
  }
  for (let i = job.held.length - 1; i >= 0; i--) if (job.held[i].drives.length === 0) job.held.splice(i, 1);
  if (job.held.length === 0) job.earlyPending = false;
}

/** A job cancelled or finished while early drives wait: they go back now. */
export function returnEarlyDrives(w: World, job: Job, rule: string): void {
  for (const p of job.takeHeld()) {
    for (const d of p.drives) {
      stopEarlyTimers(w, d);
      if (d.onSite) returnDrive(w, d, rule);
    }
  }
  job.earlyPending = false;
}
