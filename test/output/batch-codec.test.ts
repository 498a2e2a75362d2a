import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchWriter, decodeBatch, type Cell } from '../../src/output/batch-codec.js';
import { IsoFormatter } from '../../src/sim/time.js';

const roundTrip = (rows: Cell[][], w = new BatchWriter(4, 2, 1)): Cell[][] => {
  for (const r of rows) w.row(r);
  return decodeBatch(w.take().batch, new IsoFormatter());
};

describe('batch codec (rows from the simulation thread to a stringify thread)', () => {
  it('a batch decodes to the rows written: strings, empty strings and numbers', () => {
    const rows: Cell[][] = [['J-000001', '', 'Creating', 7137612825162, 0, -1.5, NaN], [''], ['a,b', '"q"', 'line\nbreak', 3]];
    expect(roundTrip(rows)).toEqual(rows);
  });

  it('text beyond Latin-1 arrives exactly as written (Latin-1 bytes travel as bytes, the rest as strings)', () => {
    const rows: Cell[][] = [['café', 'ÿ', '→ next', '🚚', 'a\ud800b', 'plain'], ['é'.repeat(100), '中'.repeat(3)]];
    expect(roundTrip(rows)).toEqual(rows);
  });

  it('instants travel as epoch ms and arrive formatted like IsoFormatter', () => {
    const w = new BatchWriter();
    const t = Date.parse('2026-03-01T08:00:00.123Z');
    w.instant(t);
    w.str('state');
    w.endRow();
    expect(decodeBatch(w.take().batch, new IsoFormatter())).toEqual([['2026-03-01T08:00:00.123Z', 'state']]);
  });

  it('buffers grow past their first size, and the next batch starts empty', () => {
    const w = new BatchWriter(4, 2, 1);
    const long = Array.from({ length: 50 }, (_, i) => ['x'.repeat(i * 37), i, `row ${i}`]);
    expect(roundTrip(long, w)).toEqual(long);
    expect(w.pending).toBe(0);
    expect(roundTrip([['next']], w)).toEqual([['next']]);
  });

  it('any rows of strings and numbers round-trip', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.double(), fc.integer());
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 }), (rows) => {
      expect(roundTrip(rows)).toEqual(rows);
    }));
  });
});
