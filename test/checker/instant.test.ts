/**
 * The checker's fast reading of the `time` column (src/checker/instant.ts)
 * must take exactly the instants the simulator's parser takes, at the same
 * epoch ms: a timeline is judged by the same clock that wrote it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstantParser } from '../../src/checker/instant.js';
import { parseInstant } from '../../src/sim/time.js';

const simulator = (text: string): number => {
  try {
    return parseInstant(text);
  } catch {
    return NaN;
  }
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Texts near the edges: every year 0–9999 shape, days 0–32 of every month, canonical and short forms. */
const instantText = fc.record({
  y: fc.oneof(fc.integer({ min: 0, max: 130 }), fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 9999 })),
  mo: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
  h: fc.integer({ min: 0, max: 24 }),
  mi: fc.integer({ min: 0, max: 60 }),
  s: fc.integer({ min: 0, max: 60 }),
  ms: fc.integer({ min: 0, max: 999 }),
  shape: fc.constantFrom('canonical', 'minutes', 'date', 'offset'),
}).map(({ y, mo, d, h, mi, s, ms, shape }) => {
  const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
  if (shape === 'date') return date;
  if (shape === 'minutes') return `${date}T${pad(h, 2)}:${pad(mi, 2)}Z`;
  if (shape === 'offset') return `${date}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}+02:00`;
  return `${date}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
});

describe('the checker reads a time as the simulator does', () => {
  it('takes exactly the texts parseInstant takes, at the same epoch ms (fixed seed, 5,000 texts)', () => {
    fc.assert(fc.property(instantText, (text) => {
      const ms = new InstantParser().parse(text);
      expect(Number.isNaN(ms) ? 'refused' : ms, text).toBe(Number.isNaN(simulator(text)) ? 'refused' : simulator(text));
    }), { seed: 20261127, numRuns: 5000 });
  });

  it('years 0–99 are those years, not 1900–1999 (0000 is a leap year, 1900 is not)', () => {
    const p = new InstantParser();
    for (const text of ['0000-02-29T00:00:00.000Z', '0050-06-15T12:00:00.000Z', '0099-12-31T23:59:59.999Z', '0000-02-29T08:00Z', '0050-06-15']) {
      expect(p.parse(text), text).toBe(simulator(text));
      expect(new Date(p.parse(text)).toISOString().slice(0, 4), text).toBe(text.slice(0, 4));
    }
    expect(p.parse('0100-02-29T00:00:00.000Z')).toBeNaN(); // 100 is not a leap year
  });

  it('a day its month lacks is refused in every shape (no rolling into the next month)', () => {
    const p = new InstantParser();
    for (const text of ['2026-02-29T00:00:00.000Z', '2026-02-30T08:00Z', '2026-04-31', '2100-02-29T00:00:00+01:00']) expect(p.parse(text), text).toBeNaN();
    expect(p.parse('2028-02-29T00:00:00.000Z')).toBe(Date.UTC(2028, 1, 29));
  });

  it('the canonical shape read from bytes gives what the text gives', () => {
    const p = new InstantParser();
    for (const text of ['2026-03-01T08:00:00.000Z', '0007-01-01T00:00:00.000Z', '2026-02-30T00:00:00.000Z']) {
      const bytes = new TextEncoder().encode(`x,${text},y`);
      const fromBytes = p.parseBytes(bytes, 2);
      expect(Number.isNaN(fromBytes) ? 'refused' : fromBytes, text).toBe(Number.isNaN(simulator(text)) ? 'refused' : simulator(text));
    }
  });
});
