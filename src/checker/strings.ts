/**
 * Strings the checker keeps beyond one row. A field of a parsed row is, in
 * V8, a "sliced string" pointing into the chunk of the file it was read from (for
 * 13 characters or more): keeping one would keep the whole chunk alive, and a
 * 10-million-row file would pin its chunks one ID at a time. States are
 * mapped to the spec's own constants; IDs and other kept text are copied.
 */
import { DRIVE_STATES, JOB_STATES, type DriveState, type JobState } from '../spec/states.js';

const JOB_STATE_OF = new Map<string, JobState>(JOB_STATES.map((s) => [s, s]));
const DRIVE_STATE_OF = new Map<string, DriveState>(DRIVE_STATES.map((s) => [s, s]));

/** The spec's constant for a job state name (the row was validated, so it is one). */
export function jobState(s: string): JobState {
  return JOB_STATE_OF.get(s)!;
}

export function driveState(s: string): DriveState {
  return DRIVE_STATE_OF.get(s)!;
}

/** A copy of `s` that does not share memory with the text it was cut from. */
export function own(s: string): string {
  // Short strings are never sliced; the concatenation is flattened by slice into a new, small string.
  return s.length < 13 ? s : (' ' + s).slice(1);
}
