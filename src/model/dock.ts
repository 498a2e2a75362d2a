/**
 * Deliveries and the dock: `arrive` rows when the carrier delivers, then,
 * after the dock's delay in business days, drives Received (or NeverReceived
 * when missing from the job's first package), and R-RECEIVED.
 */
import type { Drive, Job, Package } from './entities.js';
import type { World } from './world.js';
import { stopShippingTimers } from './shipping.js';
import { startCopies, requestCopy } from './copy.js';
import { startEarlyArrival, startNoJobArrival } from './early.js';
import { maybeFaultJob } from './faults.js';
import { releaseDrive } from './release.js';

function riderRule(d: Drive): string {
  return d.role === 'extra' ? 'R-EXTRA-DRIVE' : d.role === 'orphan' ? 'R-ORPHAN-DRIVE' : '';
}

export function deliver(w: World, pkg: Package): void {
  const job = pkg.job;
  const now = w.sim.now;
  if (job === null || job.isDeleted) {
    // No job record at all (never created, or deleted): Undefined, R-EARLY-ARRIVAL.
    for (const d of pkg.drives) {
      w.emitDrive(d.traced, d, 'arrive', '', '', 'R-EARLY-ARRIVAL', d.traced ? pkg.id : '');
      d.arrived = now;
      d.inTransit = false;
      w.setOnSite(d, true);
      w.loose.add(d);
    }
    startNoJobArrival(w, pkg.drives);
    return;
  }
  const early = job.state === 'Creating';
  for (const d of pkg.drives) {
    const rule = riderRule(d) || (early ? 'R-EARLY-ARRIVAL' : '');
    w.emitDrive(job.traced, d, 'arrive', '', '', rule, job.traced ? pkg.id : '', job.traced && d.role === 'orphan' ? `with=${job.id}` : '');
    if (Number.isNaN(d.arrived)) d.arrived = now;
    d.inTransit = false;
    w.setOnSite(d, true);
  }
  if (job.packagesDelivered++ === 0) job.firstDelivery = now;
  if (early) {
    job.hold(pkg);
    startEarlyArrival(w, job, pkg);
    return;
  }
  if (job.state === 'Shipping') stopShippingTimers(w, job);
  scheduleDock(w, pkg);
}

function scheduleDock(w: World, pkg: Package): void {
  const days = w.samplers.dockDelay.sample(w.streams.dock);
  w.atBeforeHorizon(w.dockCalendar.addWorkingDays(w.sim.now, days, w.horizon), onDockProcessed, pkg);
}

/** The customer set Shipping after an early arrival: the dock takes the packages already on site. */
export function processHeldPackages(w: World, job: Job): void {
  const held = job.takeHeld();
  for (const pkg of held) scheduleDock(w, pkg);
}

function onDockProcessed(pkg: Package): void {
  const job = pkg.job!; // a package of no job never reaches the dock
  const w = job.w;
  if (job.isDeleted || job.state === 'Completed' || job.state === 'Closed') {
    // A late drive for a job already finished: operations take it in (R-LATE-DRIVE) and send it back.
    for (const d of pkg.drives) {
      if (!d.onSite) continue;
      if (d.job === job && d.state === 'NeverReceived') w.setDriveState(d, 'Received', 'R-LATE-DRIVE');
      returnDrive(w, d, 'R-LATE-DRIVE');
    }
    return;
  }
  for (const d of pkg.drives) {
    if (d.job !== job) continue; // riders are never processed (R-EXTRA-DRIVE, R-ORPHAN-DRIVE)
    if (d.state === 'Specified') w.setDriveState(d, 'Received', '');
    else if (d.state === 'NeverReceived') w.setDriveState(d, 'Received', 'R-LATE-DRIVE');
  }
  if (pkg.first) {
    for (const d of job.drives) if (d.state === 'Specified') w.setDriveState(d, 'NeverReceived', 'R-NEVER-RECEIVED', job.traced ? `missing-from=${pkg.id}` : '');
  }
  switch (job.state) {
    case 'Shipping': {
      let received = 0;
      for (const d of job.drives) {
        if (d.state === 'Received') received++;
        else if (d.state !== 'NeverReceived') return;
      }
      if (received > 0) {
        w.setJobState(job, 'Received', 'R-RECEIVED');
        if (!maybeFaultJob(w, job)) startCopies(w, job);
      }
      break;
    }
    case 'Received':
    case 'Transferring':
      for (const d of pkg.drives) {
        if (d.job === job && d.state === 'Received') {
          if (job.cancelRequested) d.skipped = true;
          else requestCopy(w, d);
        }
      }
      break;
    default:
      // Faulted: copies start when the fault is resolved. Packaging: it ships back uncopied.
      break;
  }
}

/** A drive sent back outside R-FINISH (`return` row). */
export function returnDrive(w: World, d: Drive, rule: string): void {
  const owner = d.job ?? d.carrier;
  const traced = d.traced;
  w.emitDrive(traced, d, 'return', '', '', rule, '', traced && d.role === 'orphan' && owner ? `with=${owner.id}` : '');
  d.returned = w.sim.now;
  w.setOnSite(d, false);
  if (d.job === null || d.job.isDeleted || d.role !== 'listed') releaseDrive(w, d);
}
