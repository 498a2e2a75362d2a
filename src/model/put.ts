/** Put Job: a new job and its drives enter the model (rows of "Put Job" in docs/timeline.md). */
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import { NO_TIMER, type Drive, type DriveRole, type Job, type JobType } from './entities.js';
import { driveId, jobId } from './ids.js';
import type { World } from './world.js';
import { onCreatingExpired } from './creating.js';
import { planCustomer } from './customer.js';

// The `entered` literals below hold one slot per state.
if (JOB_STATES.length !== 8 || DRIVE_STATES.length !== 8) throw new Error('put.ts: update the entered[] literals to the number of states');

export interface PutOptions {
  type: JobType;
  drives: number;
  /** Bytes per drive; drawn when absent. */
  bytes?: number[];
  reexportOf?: string;
}

export function putJob(w: World, o: PutOptions): Job {
  const index = w.nextJob++;
  const id = jobId(index);
  const now = w.sim.now;
  const job: Job = {
    id, index, type: o.type, created: now, state: 'Creating', stateSince: now, beforeFault: null,
    drives: [], riders: [], driveCount: o.drives, totalBytes: 0, retired: -1, hasDeliveryPackage: true, hasReturnAddress: true, badReturnAddress: false,
    cancelRequested: false, errors: false, traced: w.traces(index),
    entered: [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN], // JOB_STATES
    packagesDelivered: 0, firstDelivery: NaN, finishedAt: NaN, returnShipped: NaN, returnPackage: '',
    escalations: 0, faults: 0, deleted: NaN, deleteRule: '', copiesOpen: 0, incompleteBlobList: false,
    reexportOf: o.reexportOf ?? '',
    expiryTimer: NO_TIMER, neverReceivedTimer: NO_TIMER, overdueTimer: NO_TIMER, noResponseTimer: NO_TIMER,
    replyTimer: NO_TIMER, addressReplyTimer: NO_TIMER, addressTimer: NO_TIMER, retentionTimer: NO_TIMER, earlyPending: false,
    held: [], plan: { deleteWhileShipping: false, deleteAfterFinish: false, earlyShipper: false },
  };
  job.entered[0] = now;
  w.jobs.set(index, job);
  w.jobsInState[0]++;
  const detail = `type=${o.type};drives=${o.drives}${o.reexportOf ? `;reexport-of=${o.reexportOf}` : ''}`;
  w.emit(job.traced, 'put', 'job', id, id, '', '', '', '', detail);
  w.emit(job.traced, 'state', 'job', id, id, '', 'Creating', '');
  for (let n = 1; n <= o.drives; n++) {
    const bytes = o.bytes?.[n - 1] ?? Math.round(w.draw(w.scenario.arrivals.bytesPerDrive, w.streams.arrivals));
    const d = newDrive(w, driveId(id, n), job, null, 'listed', bytes);
    job.drives.push(d);
    (job as { totalBytes: number }).totalBytes += bytes;
    w.initDriveState(d, o.type === 'import' ? 'Specified' : 'Received');
  }
  if (o.type === 'export') job.incompleteBlobList = w.chance(w.scenario.datacenter.incompleteBlobList, w.streams.arrivals);
  job.expiryTimer = w.startTimer('creatingExpire', onCreatingExpired, { w, job });
  planCustomer(w, job);
  return job;
}

export function newDrive(w: World, id: string, job: Job | null, carrier: Job | null, role: DriveRole, bytes: number): Drive {
  w.liveDrives++;
  return {
    id, job, carrier, role, bytes, state: null, beforeFault: null, onSite: false, inTransit: false, arrived: NaN,
    entered: [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN], outcome: '', // DRIVE_STATES
    copyRequested: NaN, copyStart: NaN, copyEnd: NaN, copyWait: NaN, copyRequest: NO_TIMER, copying: false, skipped: false,
    returned: NaN, destroyed: NaN, earlyReturnTimer: NO_TIMER, earlyDestroyTimer: NO_TIMER, released: false,
  };
}
