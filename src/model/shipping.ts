/**
 * The Shipping state: inbound packages and the carrier, and the escalation
 * when they do not come: R-NEVER-RECEIVED and R-SHIP-OVERDUE at day 14,
 * the contact, R-SHIP-RESOLVE (extend or cancel) and R-SHIP-NORESPONSE.
 */
import { TIMERS } from '../spec/timers.js';
import { NO_TIMER, Package, type Drive, type Job } from './entities.js';
import type { World } from './world.js';
import { newDrive } from './put.js';
import { deliver, processHeldPackages } from './dock.js';
import { customerAnswer, requestContact } from './operations.js';
import { enterFinished } from './finish.js';
import { onDelete } from './customer.js';
import { releaseDrive } from './release.js';

export function enterShipping(w: World, job: Job): void {
  job.expiryTimer = w.cancelTimer(job.expiryTimer);
  w.setJobState(job, 'Shipping', 'R-SHIP-REQUIRES');
  if (job.deleteWhileShipping) w.sim.after(w.samplers.deleteDelay.sample(w.streams.customer), onDelete, job);
  if (job.packagesDelivered === 0) {
    job.neverReceivedTimer = w.startTimer('neverReceived', onNeverReceived, job);
    job.overdueTimer = w.startTimer('shippingOverdue', onOverdue, job);
  }
  if (job.held.length > 0) processHeldPackages(w, job);
  else if (!job.earlyShipper) {
    w.sim.after(w.samplers.packageToCarrier.sample(w.streams.customer), onHandToCarrier, job);
  }
}

function onHandToCarrier(job: Job): void {
  const w = job.w;
  // A job resolved without its package (R-SHIP-RESOLVE cancel) before the customer shipped needs none.
  if (job.state === 'Shipping') shipPackage(w, job, true);
}

/**
 * The customer hands a package to the carrier. The first package holds the
 * listed drives, less any missing ones (at least one stays), and maybe an
 * extra or an orphan drive; a missing drive may follow in its own package.
 */
export function shipPackage(w: World, job: Job, first: boolean, only?: Drive[]): void {
  const ca = w.scenario.carrier, r = w.streams.carrier;
  const drives: Drive[] = [];
  let missing: Drive[] | null = null; // most packages miss nothing
  for (const d of only ?? job.drives) {
    const miss = first && job.type === 'import' && w.chance(ca.missingDrive, r);
    if (miss) (missing ??= []).push(d);
    else drives.push(d);
  }
  if (drives.length === 0) drives.push(missing!.shift()!);
  if (first) {
    if (w.chance(ca.extraDrive, r)) {
      const x = newDrive(w, job.riders.length + 1, job, job, 'extra', 0);
      job.addRider(x);
      drives.push(x);
    }
    if (w.chance(ca.orphanDrive, r)) {
      const o = newDrive(w, w.nextOrphan++, null, job, 'orphan', 0);
      job.addRider(o);
      drives.push(o);
    }
  }
  // An exact copy: the list pushed into has room for 16 drives, and a package lives for days (a few
  // scavenges: ~10% of what the collector copied per job at 100k jobs).
  const pkg = new Package(w.nextPackage++, job, drives.slice(), first);
  if (job.traced) w.emitJob(job, 'ship', '', '', '', pkg.id, `drives=${drives.length}`);
  else w.emitJob(job, 'ship', '', '', '');
  const lost = w.chance(ca.lostPackage, r);
  const delayed = w.chance(ca.delayedPackage, r);
  const transit = w.samplers.transit.sample(r) + (delayed ? w.samplers.delay.sample(r) : 0);
  if (!lost) {
    for (const d of drives) d.inTransit = true;
    w.sim.after(transit, onDelivered, pkg);
  }
  if (missing) for (const d of missing) {
    const follows = w.chance(ca.missingDriveFollows, r);
    const after = w.samplers.followDelay.sample(r);
    // A customer follows up a package that arrived short; after a lost one, the overdue contact comes first.
    if (follows && !lost) {
      d.inTransit = true; // on its way from the customer: it has a future, so its record waits
      w.sim.after(transit + after, onFollowUp, { w, job, drive: d });
    }
  }
}

function onDelivered(pkg: Package): void {
  deliver(pkg.job!.w, pkg);
}

function onFollowUp({ w, job, drive }: { w: World; job: Job; drive: Drive }): void {
  drive.inTransit = false;
  if (!job.isDeleted) shipPackage(w, job, false, [drive]);
  else releaseDrive(w, drive); // the job is gone: the customer keeps the drive
}

/** A delivery ends the wait: every Shipping timer and escalation stops. */
export function stopShippingTimers(w: World, job: Job): void {
  job.neverReceivedTimer = w.cancelTimer(job.neverReceivedTimer);
  job.overdueTimer = w.cancelTimer(job.overdueTimer);
  job.noResponseTimer = w.cancelTimer(job.noResponseTimer);
  job.replyTimer = w.cancelTimer(job.replyTimer);
}

function onNeverReceived(job: Job): void {
  const w = job.w;
  job.neverReceivedTimer = NO_TIMER;
  if (job.state !== 'Shipping' || job.packagesDelivered > 0) return;
  for (const d of job.drives) {
    if (d.state === 'Specified') w.setDriveState(d, 'NeverReceived', 'R-NEVER-RECEIVED', `timer=${TIMERS.neverReceived.name}`);
  }
}

function onOverdue(job: Job): void {
  const w = job.w;
  job.overdueTimer = NO_TIMER;
  if (job.state !== 'Shipping' || job.packagesDelivered > 0) return;
  w.emitJob(job, 'alert', '', '', 'R-SHIP-OVERDUE', '', `timer=${TIMERS.shippingOverdue.name}`);
  job.escalations++;
  requestContact(w, w.kpis.counts(job), () => overdueContact(w, job));
}

function overdueContact(w: World, job: Job): void {
  if (job.state !== 'Shipping' || job.packagesDelivered > 0 || job.isDeleted) return;
  w.emitJob(job, 'contact', '', '', 'R-SHIP-OVERDUE');
  job.escalations++;
  job.noResponseTimer = w.startTimer('noResponse', onNoResponse, job);
  const answer = customerAnswer(w);
  if (answer !== null && answer < w.durations.noResponseClose) job.replyTimer = w.sim.after(answer, onOverdueReply, job);
}

function onOverdueReply(job: Job): void {
  const w = job.w;
  job.replyTimer = NO_TIMER;
  if (job.state !== 'Shipping' || job.packagesDelivered > 0) return;
  job.noResponseTimer = w.cancelTimer(job.noResponseTimer);
  w.emitJob(job, 'reply', '', '', 'R-SHIP-RESOLVE');
  const cancels = w.chance(w.scenario.customer.cancelOnOverdue, w.streams.customer);
  const extension = w.samplers.overdueExtension.sample(w.streams.ops);
  if (cancels) {
    w.emitJob(job, 'cancel', '', '', 'R-SHIP-RESOLVE');
    job.cancelRequested = true;
    job.neverReceivedTimer = w.cancelTimer(job.neverReceivedTimer);
    w.setJobState(job, 'Completed', 'R-SHIP-RESOLVE');
    enterFinished(w, job);
  } else {
    const until = Math.round(w.sim.now + extension);
    w.emitJob(job, 'extend', '', '', 'R-SHIP-RESOLVE', '', `until=${w.sim.isoTime(until)}`);
    job.overdueTimer = w.startTimer('shippingOverdue', onOverdue, job, until);
  }
}

function onNoResponse(job: Job): void {
  const w = job.w;
  job.noResponseTimer = NO_TIMER;
  if (job.state !== 'Shipping' || job.packagesDelivered > 0) return;
  job.replyTimer = w.cancelTimer(job.replyTimer);
  job.neverReceivedTimer = w.cancelTimer(job.neverReceivedTimer);
  job.errors = true;
  w.setJobState(job, 'Closed', 'R-SHIP-NORESPONSE', `timer=${TIMERS.noResponse.name}`);
  enterFinished(w, job);
}
