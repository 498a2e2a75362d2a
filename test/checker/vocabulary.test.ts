/**
 * The vocabulary codes (vocabulary.ts) decide that a row is valid without
 * row.ts's Map lookups: they must pass exactly the rows validateFieldsInto
 * passes, and canonicalize to the same constants.
 */
import { describe, expect, it } from 'vitest';
import { fieldHash } from '../../src/checker/intern.js';
import { emptyRow, validateFieldsInto } from '../../src/checker/row.js';
import { DELETE, EMPTY, NOT_A_WORD, STATE, WORDS, WordCodes, validCodes } from '../../src/checker/vocabulary.js';
import type { TimelineRow } from '../../src/spec/timeline.js';

const enc = (s: string) => Buffer.from(s, 'utf8');

function codeOf(codes: WordCodes, text: string): number {
  const b = enc(text);
  return codes.get(b, 0, b.length, fieldHash(b, 0, b.length));
}

/** Whether row.ts accepts these fields (id and job fine), and what it canonicalizes them to. */
function byRowTs(kind: string, entity: string, from: string, to: string, rule: string): TimelineRow | null {
  const row: TimelineRow = { ...emptyRow(), kind: kind as TimelineRow['kind'], entity: entity as TimelineRow['entity'], id: 'J-1', job: 'J-1', from, to, rule };
  const out = emptyRow();
  try {
    validateFieldsInto(row, 2, out);
    return out;
  } catch {
    return null;
  }
}

describe('vocabulary codes', () => {
  it('every word has its own code, fits a cache slot, and is found from its bytes', () => {
    const codes = new WordCodes();
    expect(new Set(WORDS).size).toBe(WORDS.length);
    expect(WORDS[EMPTY]).toBe('');
    for (let c = 1; c < WORDS.length; c++) {
      expect(WORDS[c].length).toBeLessThanOrEqual(20);
      expect(codeOf(codes, WORDS[c])).toBe(c);
      expect(codeOf(codes, WORDS[c])).toBe(c); // from the cache the second time
    }
    expect(codeOf(codes, '')).toBe(EMPTY);
  });

  it('a text that is not a word is not taken for one, even where it shares a cache slot with one', () => {
    // Two slots: every word collides with many others; a slot is overwritten, never trusted on its hash alone.
    const codes = new WordCodes(1);
    const others = ['stat', 'states', 'State', 'Received\r', 'R-FAULTS', 'x', 'é', 'R-BAD-RETURN-ADDRESS-AND-MORE'];
    for (let round = 0; round < 3; round++) {
      for (let c = 1; c < WORDS.length; c++) {
        expect(codeOf(codes, WORDS[c])).toBe(c);
        const other = others[c % others.length];
        expect(codeOf(codes, other)).toBe(NOT_A_WORD);
      }
    }
  });

  it('passes exactly the kinds, entities, states and rules that row.ts passes, canonicalized alike', () => {
    const codes = new WordCodes();
    const all = [...WORDS, 'bogus'];
    const entities = ['job', 'drive', '', 'jobs', 'state'];
    const rules = ['', 'R-FAULT', 'Creating', 'R-NOPE'];
    let compared = 0;
    for (const kind of all) {
      const k = codeOf(codes, kind);
      // from and to only count for state and delete rows: every pair there, a few elsewhere.
      const states = k === STATE || k === DELETE ? all : ['', 'Creating', 'bogus'];
      for (const entity of entities) {
        const e = codeOf(codes, entity);
        for (const from of states) {
          for (const to of states) {
            for (const rule of rules) {
              const expected = byRowTs(kind, entity, from, to, rule);
              const f = codeOf(codes, from), t = codeOf(codes, to), r = codeOf(codes, rule);
              expect(validCodes(k, e, f, t, r), `${kind},${entity},${from},${to},${rule}`).toBe(expected !== null);
              if (expected !== null) {
                // What row-reader.ts sets from the codes.
                expect(WORDS[k]).toBe(expected.kind);
                expect(WORDS[e]).toBe(expected.entity);
                expect(k === STATE || k === DELETE ? WORDS[f] : '').toBe(expected.from);
                expect(k === STATE ? WORDS[t] : '').toBe(expected.to);
                expect(WORDS[r]).toBe(expected.rule);
              }
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });
});
