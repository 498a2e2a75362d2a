/**
 * Get Job: what the service's API returns for a job at the current simulated
 * instant (../shared/spec/lifecycle.md, "Get Job").
 */
import type { Scenario } from '../scenarios/schema.js';
import type { Drive, Job } from './entities.js';
import { driveId, jobIndexOf, returnPackageId } from './ids.js';
import type { World } from './world.js';

export interface DriveStatus {
  driveId: string;
  state: string;
  percentComplete: number;
  bytesSucceeded: number;
  copyStatus?: string;
  errorLogUri?: string;
  verboseLogUri?: string;
}

export interface GetJobResult {
  name: string;
  state: string;
  jobType: 'Import' | 'Export';
  cancelRequested: boolean;
  percentComplete: number;
  logLevel: 'Error' | 'Verbose';
  diagnosticsPath: string;
  returnPackage?: { carrierName: string; trackingNumber: string; driveCount: number; shipDate: string };
  incompleteBlobListUri?: string;
  driveList: DriveStatus[];
}

/** Bytes copied so far: linear progress through a running copy. */
export function bytesSucceeded(d: Drive, now: number): number {
  if (d.copying && Number.isFinite(d.copyEnd) && d.copyEnd > d.copyStart) {
    return Math.floor((d.bytes * (now - d.copyStart)) / (d.copyEnd - d.copyStart));
  }
  return d.outcome !== '' ? d.bytes : 0;
}

function copyStatus(d: Drive): string | undefined {
  if (Number.isNaN(d.enteredAt(3))) return undefined; // only from Transferring on
  if (d.copying) return 'InProgress';
  if (d.state === 'Faulted') return 'Failed';
  return d.outcome === '' ? 'Pending' : COPY_STATUS[d.outcome];
}

export function getJob(w: World, job: Job): GetJobResult {
  const g: Scenario['getJob'] = w.scenario.getJob;
  const now = w.sim.now;
  const logs = `${g.storageAccount}/${g.diagnosticsPath}`;
  let total = 0, done = 0;
  if (job.retired >= 0) return retainedGetJob(w, job.retired, logs);
  const driveList = job.drives.map((d): DriveStatus => {
    const copied = bytesSucceeded(d, now);
    total += d.bytes;
    done += copied;
    const processed = !Number.isNaN(d.enteredAt(3));
    const s: DriveStatus = {
      driveId: d.id,
      state: d.state ?? '',
      percentComplete: d.bytes > 0 ? Math.floor((100 * copied) / d.bytes) : 0,
      bytesSucceeded: copied,
    };
    const status = copyStatus(d);
    if (status) s.copyStatus = status;
    // A log exists for every drive processed; verbose logs only at log level Verbose.
    if (processed) s.errorLogUri = `${logs}/${job.id}_${d.id}_error.xml`;
    if (processed && g.logLevel === 'Verbose') s.verboseLogUri = `${logs}/${job.id}_${d.id}_verbose.xml`;
    return s;
  });
  const result: GetJobResult = {
    name: job.id,
    state: job.state,
    jobType: job.type === 'import' ? 'Import' : 'Export',
    cancelRequested: job.cancelRequested,
    percentComplete: total > 0 ? Math.floor((100 * done) / total) : 0,
    logLevel: g.logLevel,
    diagnosticsPath: g.diagnosticsPath,
    driveList,
  };
  if (Number.isFinite(job.returnShipped)) {
    result.returnPackage = {
      carrierName: 'carrier', trackingNumber: job.returnPackage, driveCount: job.drives.filter((d) => d.state === 'ShippedBack').length,
      shipDate: w.sim.isoTime(job.returnShipped),
    };
  }
  const copyOver = job.state === 'Packaging' || job.state === 'Completed' || job.state === 'Closed';
  if (job.type === 'export' && job.incompleteBlobList && copyOver) result.incompleteBlobListUri = `${logs}/${job.id}_incompleteblobs.xml`;
  return result;
}

/** Get Job for a finished job in retention (w.retained): every copy is over, so progress is all or nothing. */
function retainedGetJob(w: World, seq: number, logs: string): GetJobResult {
  const r = w.retained;
  const g = w.scenario.getJob;
  const id = r.id(seq), type = r.type(seq), returnShipped = r.returnShipped(seq);
  const drives = r.drives(seq);
  let total = 0, done = 0;
  const driveList = drives.map((d, i): DriveStatus => {
    const driveId = driveIdOf(id, i);
    const copied = d.outcome !== '' ? d.bytes : 0;
    total += d.bytes;
    done += copied;
    const s: DriveStatus = { driveId, state: d.state, percentComplete: d.bytes > 0 ? Math.floor((100 * copied) / d.bytes) : 0, bytesSucceeded: copied };
    if (d.processed) {
      s.copyStatus = d.outcome === '' ? 'Pending' : COPY_STATUS[d.outcome];
      s.errorLogUri = `${logs}/${id}_${driveId}_error.xml`;
      if (g.logLevel === 'Verbose') s.verboseLogUri = `${logs}/${id}_${driveId}_verbose.xml`;
    }
    return s;
  });
  const result: GetJobResult = {
    name: id, state: r.state(seq), jobType: type === 'import' ? 'Import' : 'Export', cancelRequested: r.cancelRequested(seq),
    percentComplete: total > 0 ? Math.floor((100 * done) / total) : 0, logLevel: g.logLevel, diagnosticsPath: g.diagnosticsPath, driveList,
  };
  if (Number.isFinite(returnShipped)) {
    result.returnPackage = { carrierName: 'carrier', trackingNumber: returnPackageId(id), driveCount: drives.filter((d) => d.state === 'ShippedBack').length, shipDate: w.sim.isoTime(returnShipped) };
  }
  if (type === 'export' && r.incompleteBlobList(seq)) result.incompleteBlobListUri = `${logs}/${id}_incompleteblobs.xml`;
  return result;
}

/** Get Job by ID for any open job (active or in retention); undefined when there is none (never created, or deleted). */
export function getJobById(w: World, id: string): GetJobResult | undefined {
  const job = w.jobs.get(jobIndexOf(id));
  // By its exact name, as the service does (J-1 or J-0000001 is not J-000001), here as in retention.
  if (job && job.id === id) return getJob(w, job);
  const seq = w.retained.find(id);
  if (seq < 0) return undefined;
  return retainedGetJob(w, seq, `${w.scenario.getJob.storageAccount}/${w.scenario.getJob.diagnosticsPath}`);
}

const COPY_STATUS: Record<string, string> = { ok: 'Completed', info: 'CompletedWithInfo', warnings: 'CompletedWithWarnings', errors: 'CompletedWithErrors' };

function driveIdOf(jobId: string, i: number): string {
  return driveId(jobId, i + 1);
}
