/** Row shapes of jobs.csv, drives.csv and timeseries.csv (docs/outputs.md), built from the model's records. */
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import { DAY } from '../sim/time.js';
import type { Drive } from './entities.js';
import type { JobFacts } from './retained.js';

export const JOB_COLUMNS = [
  'job', 'type', 'drives', 'bytes', 'put', 'creating', 'shipping', 'received', 'transferring', 'packaging',
  'completed', 'closed', 'final_state', 'deleted', 'delete_rule', 'turnaround_days', 'cancelled', 'escalations', 'faults', 'errors',
] as const;

export const DRIVE_COLUMNS = [
  'drive', 'job', 'role', 'bytes', 'specified', 'received', 'never_received', 'transferring', 'completed',
  'completed_more_info', 'shipped_back', 'faulted', 'final_state', 'outcome', 'returned', 'destroyed', 'copy_wait_days', 'copy_days',
] as const;

export const DAY_COLUMNS = [
  'date', ...JOB_STATES.map((s) => `jobs_${s}`), ...DRIVE_STATES.map((s) => `drives_${s}`),
  'drives_on_site', 'copy_busy_mean', 'copy_queue_mean', 'ops_busy_mean', 'ops_queue_mean', 'copy_stations', 'operators',
] as const;

/** Times are epoch ms (NaN = never); the writer formats them. */
export interface JobRecord {
  job: JobFacts;
  finalState: string;
}
export interface DriveRecord {
  drive: Drive;
}
export interface DayRecord {
  time: number;
  jobs: Int32Array;
  drives: Int32Array;
  drivesOnSite: number;
  copyBusy: number;
  copyQueue: number;
  opsBusy: number;
  opsQueue: number;
  copyStations: number;
  operators: number;
}

const days = (ms: number) => (Number.isFinite(ms) ? +(ms / DAY).toFixed(6) : '');

/** jobs.csv cells, times already formatted by `iso`. */
export function jobCells(r: JobRecord, iso: (epochMs: number) => string, startMs: number): (string | number)[] {
  const j = r.job;
  const t = (ms: number) => (Number.isFinite(ms) ? iso(startMs + ms) : '');
  const turnaround = Number.isFinite(j.returnShipped) && Number.isFinite(j.firstDelivery) ? days(j.returnShipped - j.firstDelivery) : '';
  return [
    j.id, j.type, j.driveCount, j.totalBytes, t(j.created),
    ...j.entered.slice(0, 7).map(t), // JOB_STATES order, Faulted aside
    r.finalState, t(j.deleted), j.deleteRule, turnaround, j.cancelRequested ? 'true' : 'false', j.escalations, j.faults, j.errors ? 'true' : 'false',
  ];
}

export function driveCells(d: Drive, iso: (epochMs: number) => string, startMs: number): (string | number)[] {
  const t = (ms: number) => (Number.isFinite(ms) ? iso(startMs + ms) : '');
  const e = d.entered.map(t); // DRIVE_STATES order, as the columns
  return [
    d.id, d.job?.id ?? '', d.role, d.bytes, e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], d.state ?? '', d.outcome,
    t(d.returned), t(d.destroyed), Number.isFinite(d.copyWait) ? days(d.copyWait) : '',
    Number.isFinite(d.copyEnd) && Number.isFinite(d.copyStart) ? days(d.copyEnd - d.copyStart) : '',
  ];
}

export function dayCells(r: DayRecord, iso: (epochMs: number) => string, startMs: number): (string | number)[] {
  const round = (x: number) => +x.toFixed(4);
  return [
    iso(startMs + r.time).slice(0, 10), ...r.jobs, ...r.drives, r.drivesOnSite,
    round(r.copyBusy), round(r.copyQueue), round(r.opsBusy), round(r.opsQueue), r.copyStations, r.operators,
  ];
}
