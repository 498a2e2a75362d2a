/**
 * Row shapes of jobs.csv, drives.csv and timeseries.csv (docs/outputs.md): the
 * model's records and the columns; the output writes job and drive rows cell
 * by cell (src/output/record-rows.ts), day rows from dayCells.
 */
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import { Job, type Drive } from './entities.js';
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

/** Times are ms since the start (NaN = never); the writer formats them. */
export interface JobRecord {
  job: JobFacts;
  finalState: string;
}
export interface DriveRecord {
  drive: Drive;
}

/**
 * A record a sink keeps past its call (tests do; the CSV writers read it at
 * once). Once recorded, a job's or drive's numbers are freed for the next
 * one (number-rows.ts), so reading them later throws: keep a copy.
 */
export function keptJob(r: JobRecord): JobRecord {
  return r.job instanceof Job ? { ...r, job: r.job.snapshot() } : { ...r };
}
export function keptDrive(r: DriveRecord): DriveRecord {
  return { drive: r.drive.snapshot() };
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

export function dayCells(r: DayRecord, iso: (epochMs: number) => string, startMs: number): (string | number)[] {
  const round = (x: number) => +x.toFixed(4);
  return [
    iso(startMs + r.time).slice(0, 10), ...r.jobs, ...r.drives, r.drivesOnSite,
    round(r.copyBusy), round(r.copyQueue), round(r.opsBusy), round(r.opsQueue), r.copyStations, r.operators,
  ];
}
