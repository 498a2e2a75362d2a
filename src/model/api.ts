/** The customer's Cancel (R-CANCEL) and Delete (R-DELETE) calls: accepted or refused by state. */
import type { Job } from './entities.js';
import type { World } from './world.js';
import { checkPackaging, withdrawQueuedCopies } from './copy.js';
import { enterFinished, returnRiders } from './finish.js';
import { releaseJob, releaseRetained } from './release.js';
import { returnEarlyDrives } from './early.js';

/** The customer's cancel call (R-CANCEL); the R-SHIP-RESOLVE path cancels through its own rows (shipping.ts). */
export function requestCancel(w: World, job: Job): void {
  const rule = 'R-CANCEL';
  if (job.retired >= 0) return requestCancelRetained(w, job.retired);
  if (job.isDeleted || job.cancelRequested) return;
  w.emitJob(job, 'cancel', '', '', rule);
  if (!w.policy.cancelAllowedIn.includes(job.state)) {
    w.emitJob(job, 'refuse', '', '', rule, '', `state=${job.state}`);
    return;
  }
  job.cancelRequested = true;
  switch (job.state) {
    case 'Creating':
      // Model decision: nothing shipped yet, so the job goes straight to Completed.
      job.expiryTimer = w.cancelTimer(job.expiryTimer);
      w.setJobState(job, 'Completed', rule);
      returnEarlyDrives(w, job, rule);
      returnRiders(w, job);
      enterFinished(w, job);
      break;
    case 'Received':
      // Copies are only queued in Received: withdraw them and pass through Transferring.
      withdrawQueuedCopies(w, job);
      w.setJobState(job, 'Transferring', 'R-TRANSFER-START', 'cancelled=true');
      checkPackaging(w, job);
      break;
    case 'Transferring':
      withdrawQueuedCopies(w, job);
      checkPackaging(w, job);
      break;
    default:
      // Shipping (or another allowed state): the flag makes the rest of the path skip copying.
      break;
  }
}

export function requestDelete(w: World, job: Job): void {
  if (job.retired >= 0) return requestDeleteRetained(w, job.retired);
  if (job.isDeleted) return;
  if (!w.policy.deleteAllowedIn.includes(job.state)) {
    w.emitJob(job, 'refuse', '', '', 'R-DELETE', '', `state=${job.state}`);
    return;
  }
  w.emitJob(job, 'delete', job.state, '', 'R-DELETE');
  releaseJob(w, job, 'R-DELETE');
}

/** The same calls for a finished job in w.retained (by seq): the rows are those of a Job in its state. */
export function requestCancelRetained(w: World, seq: number): void {
  const r = w.retained;
  if (!r.has(seq) || r.cancelRequested(seq)) return;
  const id = r.rowId(seq), state = r.state(seq), traced = r.traced(seq);
  w.emit(traced, 'cancel', 'job', id, id, '', '', 'R-CANCEL');
  if (!w.policy.cancelAllowedIn.includes(state)) {
    w.emit(traced, 'refuse', 'job', id, id, '', '', 'R-CANCEL', '', `state=${state}`);
    return;
  }
  r.setCancelRequested(seq); // finished: nothing else to stop
}

export function requestDeleteRetained(w: World, seq: number): void {
  const r = w.retained;
  if (!r.has(seq)) return;
  const id = r.rowId(seq), state = r.state(seq), traced = r.traced(seq);
  if (!w.policy.deleteAllowedIn.includes(state)) {
    w.emit(traced, 'refuse', 'job', id, id, '', '', 'R-DELETE', '', `state=${state}`);
    return;
  }
  w.emit(traced, 'delete', 'job', id, id, state, '', 'R-DELETE');
  releaseRetained(w, seq, 'R-DELETE');
}
