/**
 * Get Job: what the service's API returns for a job at the current simulated
 * instant (../shared/spec/lifecycle.md, "Get Job").
 */
import type { Scenario } from '../scenarios/schema.js';
import type { Drive, Job } from './entities.js';
import { driveId } from './ids.js';
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
  if (Number.isNaN(d.entered[3])) return undefined; // only from Transferring on
  if (d.copying) return 'InProgress';
  if (d.state === 'Faulted') return 'Failed';
  return d.outcome === '' ? 'Pending' : COPY_STATUS[d.outcome];
}

export function getJob(w: World, job: Job): GetJobResult {
  const g: Scenario['getJob'] = w.scenario.getJob;
  const now = w.sim.now;
  const logs = `${g.storageAccount}/${g.diagnosticsPath}`;
  let total = 0, done = 0;
  if (job.finishedDrives) return finishedGetJob(w, job, logs);
  const driveList = job.drives.map((d): DriveStatus => {
    const copied = bytesSucceeded(d, now);
    total += d.bytes;
    done += copied;
    const processed = !Number.isNaN(d.entered[3]);
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

/** Get Job for a finished, compacted job: every copy is over, so progress is all or nothing. */
function finishedGetJob(w: World, job: Job, logs: string): GetJobResult {
  const f = job.finishedDrives!;
  const g = w.scenario.getJob;
  let total = 0, done = 0;
  const driveList = f.states.map((state, i): DriveStatus => {
    const id = driveIdOf(job, i);
    const outcome = f.outcomes[i];
    const copied = outcome !== '' ? f.bytes[i] : 0;
    total += f.bytes[i];
    done += copied;
    const s: DriveStatus = { driveId: id, state, percentComplete: f.bytes[i] > 0 ? Math.floor((100 * copied) / f.bytes[i]) : 0, bytesSucceeded: copied };
    if (f.processed[i]) {
      s.copyStatus = outcome === '' ? 'Pending' : COPY_STATUS[outcome];
      s.errorLogUri = `${logs}/${job.id}_${id}_error.xml`;
      if (g.logLevel === 'Verbose') s.verboseLogUri = `${logs}/${job.id}_${id}_verbose.xml`;
    }
    return s;
  });
  const result: GetJobResult = {
    name: job.id, state: job.state, jobType: job.type === 'import' ? 'Import' : 'Export', cancelRequested: job.cancelRequested,
    percentComplete: total > 0 ? Math.floor((100 * done) / total) : 0, logLevel: g.logLevel, diagnosticsPath: g.diagnosticsPath, driveList,
  };
  if (Number.isFinite(job.returnShipped)) {
    result.returnPackage = { carrierName: 'carrier', trackingNumber: job.returnPackage, driveCount: f.states.filter((s) => s === 'ShippedBack').length, shipDate: w.sim.isoTime(job.returnShipped) };
  }
  if (job.type === 'export' && job.incompleteBlobList) result.incompleteBlobListUri = `${logs}/${job.id}_incompleteblobs.xml`;
  return result;
}

const COPY_STATUS: Record<string, string> = { ok: 'Completed', info: 'CompletedWithInfo', warnings: 'CompletedWithWarnings', errors: 'CompletedWithErrors' };

function driveIdOf(job: Job, i: number): string {
  return driveId(job.id, i + 1);
}
