/**
 * The timeline's vocabulary (kinds, entities, job and drive states, rule
 * IDs) as small integer codes, found straight from a field's bytes. Every
 * row spells five such words; looking each up as a string and then
 * validating it through a Map (row.ts) was ~9% of the checker's time on the
 * 1M timeline. Here a field's code comes from a small direct-mapped cache
 * that stays in the L1 cache (a few dozen distinct words), and validation is
 * a few bit tests on the codes (validCodes). A row that fails them takes
 * row.ts's path, which reports it exactly as before: the codes only decide
 * that a row is fine, never what is wrong with it.
 */
import { RULE_IDS } from '../spec/rules.js';
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import { EVENT_KINDS } from '../spec/timeline.js';
import { slotOf } from './intern.js';

/** What a word may be (bits of CLASS). */
const KIND = 1;
const ENTITY = 2;
const JOB_STATE = 4;
const DRIVE_STATE = 8;
const RULE = 16;

/** Every distinct word, the empty field first; a word's code is its index here. */
export const WORDS: readonly string[] = [...new Set(['', ...EVENT_KINDS, 'job', 'drive', ...JOB_STATES, ...DRIVE_STATES, ...RULE_IDS])];
/** The code of a field that is not a word. */
export const NOT_A_WORD = -1;
export const EMPTY = 0;
const code = (w: string): number => WORDS.indexOf(w);
export const JOB = code('job');
export const DRIVE = code('drive');
export const STATE = code('state');
export const DELETE = code('delete');
export const PUT = code('put');
export const SHIP = code('ship');

const CLASS = new Uint8Array(WORDS.length);
for (const k of EVENT_KINDS) CLASS[code(k)] |= KIND;
CLASS[JOB] |= ENTITY;
CLASS[DRIVE] |= ENTITY;
for (const s of JOB_STATES) CLASS[code(s)] |= JOB_STATE;
for (const s of DRIVE_STATES) CLASS[code(s)] |= DRIVE_STATE;
for (const r of RULE_IDS) CLASS[code(r)] |= RULE;

/** Kinds about a job only, or a drive only (as row.ts's JOB_KINDS and DRIVE_KINDS); state, contact and reply may be either. */
const ONLY_JOB = new Uint8Array(WORDS.length);
const ONLY_DRIVE = new Uint8Array(WORDS.length);
for (const k of ['put', 'update', 'cancel', 'ship', 'alert', 'extend', 'delete', 'refuse', 'deliver', 'lost']) ONLY_JOB[code(k)] = 1;
for (const k of ['arrive', 'return', 'destroy']) ONLY_DRIVE[code(k)] = 1;

/**
 * Whether a row's kind, entity, from, to and rule codes pass row.ts's
 * validateFieldsInto (the id and job columns aside). `from` and `to` count
 * only where that keeps them: a state row's, and a delete row's `from`.
 */
export function validCodes(kind: number, entity: number, from: number, to: number, rule: number): boolean {
  if (kind < 0 || (CLASS[kind] & KIND) === 0) return false;
  if (entity === JOB) {
    if (ONLY_DRIVE[kind] === 1) return false;
  } else if (entity !== DRIVE || ONLY_JOB[kind] === 1) {
    return false;
  }
  if (rule !== EMPTY && (rule < 0 || (CLASS[rule] & RULE) === 0)) return false;
  if (kind === STATE) {
    const states = entity === JOB ? JOB_STATE : DRIVE_STATE;
    if (to < 0 || (CLASS[to] & states) === 0) return false;
    return from === EMPTY || (from > 0 && (CLASS[from] & states) !== 0);
  }
  if (kind === DELETE) return from > 0 && (CLASS[from] & JOB_STATE) !== 0;
  return true;
}

/**
 * A slot is 32 bytes of one buffer: the field's hash, its length (-1: empty
 * slot), its code, then up to 20 bytes of the word (the longest is 20).
 */
const SLOT = 32;
const INTS = SLOT >> 2;
const HEAD = 12;
const MAX_LEN = SLOT - HEAD;

/** Field bytes → code, through a direct-mapped cache (a slot is overwritten on a collision: fixed memory). */
export class WordCodes {
  private readonly mask: number;
  private readonly bytes: Uint8Array;
  private readonly ints: Int32Array;

  constructor(bits = 8) {
    const n = 1 << bits;
    this.mask = n - 1;
    const memory = new ArrayBuffer(n * SLOT);
    this.bytes = new Uint8Array(memory);
    this.ints = new Int32Array(memory);
    for (let i = 0; i < n; i++) this.ints[i * INTS + 1] = -1;
  }

  /** The code of the text buf[start, end) (EMPTY, a word's, or NOT_A_WORD); `hash` is its fieldHash (intern.ts). */
  get(buf: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    if (len === 0) return EMPTY;
    if (len > MAX_LEN) return NOT_A_WORD;
    const slot = slotOf(hash) & this.mask;
    const b = this.bytes, ints = this.ints, head = slot * INTS, at = slot * SLOT + HEAD;
    if (ints[head] === hash && ints[head + 1] === len) {
      let i = 0;
      while (i < len && b[at + i] === buf[start + i]) i++;
      if (i === len) return ints[head + 2];
    }
    const c = lookup(buf, start, end);
    ints[head] = hash;
    ints[head + 1] = len;
    ints[head + 2] = c;
    for (let i = 0; i < len; i++) b[at + i] = buf[start + i];
    return c;
  }
}

/** The code of a text that is not in the cache: compared with every word (a few dozen; only on a cache miss). */
function lookup(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  for (let c = 1; c < WORDS.length; c++) {
    const w = WORDS[c];
    if (w.length !== len) continue;
    let i = 0;
    while (i < len && w.charCodeAt(i) === buf[start + i]) i++;
    if (i === len) return c;
  }
  return NOT_A_WORD;
}
