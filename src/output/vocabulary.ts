/**
 * The words most cells of the CSV files are made of: event kinds, entities,
 * states, rule IDs, job types, drive roles, copy outcomes, booleans. A cell
 * holding one of them travels to a stringify thread as its index here instead
 * of its bytes: the simulation thread copies nothing, and the stringify
 * thread hands csv-stringify this very string instead of a new copy of it.
 * Both threads import this module, so an index means the same word on both by
 * construction; a string not listed simply travels as bytes.
 */
import { EVENT_KINDS } from '../spec/timeline.js';
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import { RULE_IDS } from '../spec/rules.js';

export const WORDS: readonly string[] = [...new Set<string>([
  'true', 'false',
  ...EVENT_KINDS, 'job', 'drive',
  ...JOB_STATES, ...DRIVE_STATES,
  ...RULE_IDS,
  'import', 'export', // job types
  'listed', 'extra', 'orphan', 'undefined', // drive roles
  'ok', 'info', 'warnings', 'errors', // copy outcomes
])];

const INDEX: ReadonlyMap<string, number> = new Map(WORDS.map((w, i) => [w, i]));

/** The word's index, or -1 for a string not in the vocabulary. */
export function wordIndex(s: string): number {
  return INDEX.get(s) ?? -1;
}
