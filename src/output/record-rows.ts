/**
 * The rows of jobs.csv and drives.csv (columns in ../model/records.ts, meaning
 * in docs/outputs.md), written cell by cell into a batch like the timeline's:
 * no array per record, and instants go as numbers, formatted on a stringify
 * thread (batch-reader.ts) rather than on the simulation thread; durations go
 * as their days (BatchWriter.days).
 * An instant or duration that never happened (NaN) is an empty cell.
 */
import type { JobRecord, DriveRecord } from '../model/records.js';
import type { BatchWriter } from './batch-codec.js';

/** jobs.csv: one row per job; times are ms since `startMs`. */
export function writeJobRow(w: BatchWriter, r: JobRecord, startMs: number): void {
  const j = r.job;
  w.str(j.id);
  w.word(j.type);
  w.num(j.driveCount);
  w.num(j.totalBytes);
  instantOrEmpty(w, startMs, j.created);
  const entered = j.entered; // a copy from a Job: take it once
  for (let i = 0; i < 7; i++) instantOrEmpty(w, startMs, entered[i]); // JOB_STATES order, Faulted aside
  w.word(r.finalState);
  instantOrEmpty(w, startMs, j.deleted);
  w.word(j.deleteRule);
  if (Number.isFinite(j.returnShipped) && Number.isFinite(j.firstDelivery)) w.days(j.returnShipped - j.firstDelivery);
  else w.str('');
  w.word(j.cancelRequested ? 'true' : 'false');
  w.num(j.escalations);
  w.num(j.faults);
  w.word(j.errors ? 'true' : 'false');
  w.endRow();
}

/** drives.csv: one row per drive; times are ms since `startMs`. */
export function writeDriveRow(w: BatchWriter, r: DriveRecord, startMs: number): void {
  const d = r.drive;
  w.str(d.id);
  w.str(d.job?.id ?? '');
  w.word(d.role);
  w.num(d.bytes);
  for (let i = 0; i < 8; i++) instantOrEmpty(w, startMs, d.enteredAt(i)); // DRIVE_STATES order, as the columns
  w.word(d.state ?? '');
  w.word(d.outcome);
  instantOrEmpty(w, startMs, d.returned);
  instantOrEmpty(w, startMs, d.destroyed);
  durationOrEmpty(w, d.copyWait);
  durationOrEmpty(w, Number.isFinite(d.copyStart) ? d.copyEnd - d.copyStart : NaN);
  w.endRow();
}

function instantOrEmpty(w: BatchWriter, startMs: number, ms: number): void {
  if (Number.isFinite(ms)) w.instant(startMs + ms);
  else w.str('');
}

function durationOrEmpty(w: BatchWriter, ms: number): void {
  if (Number.isFinite(ms)) w.days(ms);
  else w.str('');
}
