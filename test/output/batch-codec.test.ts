import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchWriter, type Cell } from '../../src/output/batch-codec.js';
import { BatchReader, decodeBatch } from '../../src/output/batch-reader.js';
import { WORDS } from '../../src/output/vocabulary.js';
import { DAY, IsoFormatter } from '../../src/sim/time.js';

const iso = () => { const f = new IsoFormatter(); return (ms: number) => f.format(ms); };

const roundTrip = (rows: Cell[][], w = new BatchWriter(4, 2, 1)): Cell[][] => {
  for (const r of rows) w.row(r);
  return decodeBatch(w.take(), iso());
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
    expect(decodeBatch(w.take(), iso())).toEqual([['2026-03-01T08:00:00.123Z', 'state']]);
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

describe('vocabulary and number cells', () => {
  it('a vocabulary word decodes to the same text as its bytes would, and carries no bytes', () => {
    const w = new BatchWriter();
    for (const word of WORDS) w.word(word);
    w.endRow();
    const batch = w.take();
    expect(batch.byteCount).toBe(0);
    expect(decodeBatch(batch, iso())).toEqual([[...WORDS]]);
  });

  it('any string written as a word decodes to itself, in the vocabulary or not', () => {
    const text = fc.oneof(fc.constantFrom(...WORDS), fc.string(), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(fc.array(text, { maxLength: 30 }), (cells) => {
      const w = new BatchWriter(4, 2, 1);
      for (const c of cells) w.word(c);
      w.endRow();
      expect(decodeBatch(w.take(), iso())).toEqual([cells]);
    }));
  });

  it('durations arrive as days rounded to 6 decimals, a number like the one csv-stringify got before', () => {
    const w = new BatchWriter();
    for (const ms of [0, 1000, DAY, 1.5 * DAY, 123_456_789, -DAY / 3]) w.days(ms);
    w.endRow();
    expect(decodeBatch(w.take(), iso())).toEqual([[0, 0.000012, 1, 1.5, 1.428898, -0.333333]]);
  });
});

describe('batch reader (a batch read in slices)', () => {
  it('a batch read in slices gives the rows read whole, and reused row arrays hold only their own row', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 8 }), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (rows, slice) => {
      const w = new BatchWriter(4, 2, 1);
      for (const r of rows) w.row(r);
      const reader = new BatchReader(w.take(), iso());
      const got: Cell[][] = [];
      const buf: Cell[][] = [];
      for (let n; (n = reader.read(buf, slice)) > 0;) {
        expect(buf.length).toBe(n);
        got.push(...buf.map((r) => [...r]));
      }
      expect(got).toEqual(rows);
    }));
  });
});
