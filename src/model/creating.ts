/**
 * The Creating state: Update Job Properties (R-CREATING-RESET), the request
 * for Shipping (R-SHIP-REQUIRES) and the 14-day expiry (R-CREATING-EXPIRE).
 */
import { TIMERS } from '../spec/timers.js';
import { NO_TIMER, type Job } from './entities.js';
import type { World } from './world.js';
import { enterShipping } from './shipping.js';
import { releaseJob } from './release.js';

/** An Update Job Properties call while Creating: the row, and the expiry timer restarts. */
export function updateWhileCreating(w: World, job: Job, detail = ''): void {
  w.emitJob(job, 'update', '', '', 'R-CREATING-RESET', '', detail);
  job.expiryTimer = w.restartTimer(job.expiryTimer);
}

/** A plain property update (the customer keeps editing the job). */
export function onPropertyUpdate(job: Job): void {
  const w = job.w;
  if (job.state === 'Creating' && !job.isDeleted) updateWhileCreating(w, job);
}

/**
 * The customer asks for Shipping. Accepted only with DeliveryPackage and
 * ReturnAddress set; a refusal may be fixed later by an update that sets the
 * missing field and asks again (`fixes`).
 */
export function requestShipping(w: World, job: Job, fixes: boolean, setDetail = ''): void {
  if (job.state !== 'Creating' || job.isDeleted) return;
  updateWhileCreating(w, job, setDetail);
  const missing = [job.hasDeliveryPackage ? '' : 'DeliveryPackage', job.hasReturnAddress ? '' : 'ReturnAddress'].filter(Boolean);
  if (missing.length > 0) {
    w.emitJob(job, 'refuse', '', '', 'R-SHIP-REQUIRES', '', `missing=${missing.join(',')}`);
    // Draw the fix delay even when the customer gives up, so the stream stays aligned.
    const delay = w.samplers.fixDelay.sample(w.streams.customer);
    if (fixes) w.sim.after(delay, onFixAndShip, { w, job, missing });
    return;
  }
  enterShipping(w, job);
}

function onFixAndShip({ w, job, missing }: { w: World; job: Job; missing: string[] }): void {
  job.hasDeliveryPackage = true;
  job.hasReturnAddress = true;
  requestShipping(w, job, false, `set=${missing.join(',')}`);
}

export function onCreatingExpired(job: Job): void {
  const w = job.w;
  job.expiryTimer = NO_TIMER;
  if (job.state !== 'Creating' || job.isDeleted) return;
  w.emitJob(job, 'delete', 'Creating', '', 'R-CREATING-EXPIRE', '', `timer=${TIMERS.creatingExpire.name}`);
  releaseJob(w, job, 'R-CREATING-EXPIRE');
}
