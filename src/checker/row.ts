/**
 * Format v1, row by row: what makes a row readable at all (a TimelineFormatError,
 * naming line and column) as opposed to a rule violation. The header check
 * and the conversion of CSV fields to a TimelineRow live here too.
 *
 * Validation also canonicalizes: kind, entity, from, to and rule are replaced
 * by the spec's own constants, so every later comparison and table lookup
 * works on interned strings (hashing fresh strings again and again was a
 * large share of the checker's time) and nothing kept points into the text.
 */
import { RULE_IDS } from '../spec/rules.js';
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import { EVENT_KINDS, REQUIRED_COLUMNS, TIMELINE_COLUMNS, type EventKind, type TimelineRow } from '../spec/timeline.js';
import { TimelineFormatError } from './format-error.js';
import type { InstantParser } from './instant.js';
import type { DriveRec, JobRec } from './records.js';

const KIND_OF = new Map<string, EventKind>(EVENT_KINDS.map((k) => [k, k]));
const JOB_STATE_OF = new Map<string, string>(JOB_STATES.map((s) => [s, s]));
const DRIVE_STATE_OF = new Map<string, string>(DRIVE_STATES.map((s) => [s, s]));
const RULE_OF = new Map<string, string>(RULE_IDS.map((r) => [r, r]));
/** Kinds that are about a job only, or a drive only; the rest (state, contact, reply) may be either. */
const JOB_KINDS = new Set<string>(['put', 'update', 'cancel', 'ship', 'alert', 'extend', 'delete', 'refuse', 'deliver', 'lost']);
const DRIVE_KINDS = new Set<string>(['arrive', 'return', 'destroy']);

type Column = (typeof TIMELINE_COLUMNS)[number];
const fail = (line: number, column: Column, detail: string): never => {
  throw new TimelineFormatError(line, column, detail, TIMELINE_COLUMNS.indexOf(column) + 1);
};

/**
 * A row as the checker's handlers see it: validated, canonicalized, and with
 * what the row reader already found out about the records its IDs name.
 */
export interface CheckRow extends TimelineRow {
  /** The time column's value, epoch ms (a number field of the one reused row: stored in place, never boxed anew). */
  t: number;
  /** idHash (id-table.ts) of the id and job texts. */
  idHash: number;
  jobHash: number;
  /** The records the reader found for them (null: none when it looked; look again in the registry). */
  idJob: JobRec | null;
  idDrive: DriveRec | null;
  jobRec: JobRec | null;
}

/** A fresh row object, to be filled by validateInto. */
export function emptyRow(): CheckRow {
  return { t: NaN, time: '', kind: 'state', entity: 'job', id: '', job: '', from: '', to: '', rule: '', package: '', detail: '', idHash: 0, jobHash: 0, idJob: null, idDrive: null, jobRec: null };
}

/**
 * Checks one row's fields and copies it, canonicalized, into `out`; returns
 * its time in epoch ms. `previous` is the previous row's time: rows must be
 * in time order (the checker's timers rely on it, and the format requires it).
 */
export function validateInto(row: TimelineRow, line: number, instants: InstantParser, previous: number, out: TimelineRow): number {
  const t = validTime(row.time, line, instants, previous);
  validateFieldsInto(row, line, out);
  return t;
}

/** The time column's value in epoch ms; throws as validateInto does for a time that is not an instant or out of order. */
export function validTime(time: string, line: number, instants: InstantParser, previous: number): number {
  const t = instants.parse(time);
  if (Number.isNaN(t)) fail(line, 'time', `"${time}" is not an ISO 8601 instant (expected e.g. 2026-03-01T08:00:00.000Z)`);
  if (t < previous) fail(line, 'time', `${time} is earlier than the row before it: rows must be ordered by time`);
  return t;
}

/** A row later than the end the check was given (CheckOptions.until, `iesim check --until`). */
export function afterUntil(t: number, until: number, line: number): never {
  return fail(line, 'time', `${new Date(t).toISOString()} is after the end of the timeline given by until (${new Date(until).toISOString()})`);
}

/**
 * validateInto without the time column: for a row whose time the caller has
 * read and found in order. `out` may be `row` itself: every field is read
 * before any is written.
 */
export function validateFieldsInto(row: TimelineRow, line: number, out: TimelineRow): void {
  const kind = KIND_OF.get(row.kind) ?? fail(line, 'kind', `unknown kind "${row.kind}" (expected one of ${EVENT_KINDS.join(', ')})`);
  const entity = row.entity === 'job' ? 'job' : row.entity === 'drive' ? 'drive' : fail(line, 'entity', `entity must be job or drive, got "${row.entity}"`);
  if (entity === 'drive' ? JOB_KINDS.has(kind) : DRIVE_KINDS.has(kind)) {
    fail(line, 'entity', `a ${kind} row is about a ${entity === 'drive' ? 'job' : 'drive'}, not a ${entity}`);
  }
  if (row.id === '') fail(line, 'id', 'the id is empty');
  if (entity === 'job' && row.job !== row.id) fail(line, 'job', `a job row's job column must equal its id ${row.id}, got "${row.job}"`);
  let from = '';
  let to = '';
  if (kind === 'state') {
    const states = entity === 'job' ? JOB_STATE_OF : DRIVE_STATE_OF;
    to = states.get(row.to) ?? fail(line, 'to', `"${row.to}" is not a ${entity} state`);
    if (row.from !== '') from = states.get(row.from) ?? fail(line, 'from', `"${row.from}" is not a ${entity} state`);
  } else if (kind === 'delete') {
    from = JOB_STATE_OF.get(row.from) ?? fail(line, 'from', `a delete row's from must be the job's last state, got "${row.from}"`);
  }
  const rule = row.rule === '' ? '' : RULE_OF.get(row.rule) ?? fail(line, 'rule', `unknown rule ID "${row.rule}"`);
  out.time = row.time;
  out.kind = kind;
  out.entity = entity;
  out.id = row.id;
  out.job = row.job;
  out.from = from;
  out.to = to;
  out.rule = rule;
  out.package = row.package;
  out.detail = row.detail;
}

/** Where each column sits in a file, from its header. */
export interface ColumnMap {
  width: number;
  names: string[];
  packageAt: number;
  detailAt: number;
}

/** The first 8 header fields must be exactly the spec's required columns; more may follow. */
export function readHeader(fields: string[], line: number): ColumnMap {
  for (let i = 0; i < REQUIRED_COLUMNS.length; i++) {
    if (fields[i] !== REQUIRED_COLUMNS[i]) {
      throw new TimelineFormatError(line, REQUIRED_COLUMNS[i], `the header must start ${REQUIRED_COLUMNS.join(',')}; column ${i + 1} is "${fields[i] ?? ''}"`, i + 1);
    }
  }
  return { width: fields.length, names: fields, packageAt: fields.indexOf('package'), detailAt: fields.indexOf('detail') };
}

/** Fills `row` (reused from record to record) from a data record; its field count must match the header's. */
export function toRow(fields: string[], line: number, cols: ColumnMap, row: TimelineRow = emptyRow()): TimelineRow {
  if (fields.length !== cols.width) {
    const at = Math.min(fields.length, cols.width);
    throw new TimelineFormatError(line, cols.names[at] ?? String(at + 1), `expected ${cols.width} fields as in the header, got ${fields.length}`, at + 1);
  }
  row.time = fields[0];
  row.kind = fields[1] as TimelineRow['kind'];
  row.entity = fields[2] as TimelineRow['entity'];
  row.id = fields[3];
  row.job = fields[4];
  row.from = fields[5];
  row.to = fields[6];
  row.rule = fields[7];
  row.package = cols.packageAt >= 0 ? fields[cols.packageAt] : '';
  row.detail = cols.detailAt >= 0 ? fields[cols.detailAt] : '';
  return row;
}
