/**
 * The customer's side of a job: every intention is drawn at Put Job, in a
 * fixed order from the customer stream, so two scenario variants with the
 * same seed give the same customer the same intentions (common random numbers).
 */
import type { Job } from './entities.js';
import type { World } from './world.js';
import { onPropertyUpdate, requestShipping } from './creating.js';
import { shipPackage } from './shipping.js';
import { requestCancel, requestDelete } from './api.js';

export function planCustomer(w: World, job: Job): void {
  const c = w.scenario.customer, r = w.streams.customer;
  const neverShips = w.chance(c.neverShips, r);
  const updates = Math.max(0, Math.round(w.samplers.updatesWhileCreating.sample(r)));
  const earlyShipper = w.chance(c.shipsBeforeShippingState, r);
  job.hasDeliveryPackage = !w.chance(c.missingDeliveryPackage, r);
  job.hasReturnAddress = !w.chance(c.missingReturnAddress, r);
  job.fixesRefusal = w.chance(c.fixesRefusal, r);
  const cancels = w.chance(c.cancels, r);
  const cancelAt = w.samplers.cancelDelay.sample(r);
  const deletesCreating = w.chance(c.deletesWhileCreating, r);
  const deleteAt = w.samplers.deleteDelay.sample(r);
  job.deleteWhileShipping = w.chance(c.deleteAttemptWhileShipping, r);
  job.deleteAfterFinish = w.chance(c.deletesAfterFinish, r);
  job.earlyShipper = earlyShipper && !neverShips;
  const shipDelay = w.samplers.shipDelay.sample(r);

  let t = w.sim.now;
  for (let i = 0; i < updates; i++) {
    t += w.samplers.updateGap.sample(r);
    w.sim.at(t, onPropertyUpdate, job);
  }
  if (!neverShips) {
    t += shipDelay;
    if (job.earlyShipper) w.sim.at(t, onEarlyShip, job);
    else w.sim.at(t, onAskShipping, job);
  }
  if (cancels) w.sim.after(cancelAt, onCancel, job);
  if (deletesCreating) w.sim.after(deleteAt, onDelete, job);
}

function onAskShipping(job: Job): void {
  requestShipping(job.w, job, job.fixesRefusal);
}

/** R-EARLY-ARRIVAL: the customer ships without setting Shipping first. */
function onEarlyShip(job: Job): void {
  const w = job.w;
  if (job.state === 'Creating' && !job.isDeleted) shipPackage(w, job, true);
}

function onCancel(job: Job): void {
  const w = job.w;
  requestCancel(w, job);
}

export function onDelete(job: Job): void {
  const w = job.w;
  requestDelete(w, job);
}
