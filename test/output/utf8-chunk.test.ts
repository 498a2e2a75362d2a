import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Utf8Chunk } from '../../src/output/utf8-chunk.js';
import { roundedSize } from '../../src/output/buffer-pool.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytesOf = (c: Utf8Chunk) => {
  const { buffer, length } = c.take();
  return new Uint8Array(buffer.slice(0, length));
};

describe('UTF-8 chunk built from several strings', () => {
  it('the bytes are the UTF-8 of the strings joined, whatever their sizes', () => {
    // Pieces end on whole characters, as csv-stringify's text does (it ends with a newline).
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 20 }), (pieces) => {
      const chunk = new Utf8Chunk(8);
      chunk.begin();
      for (const p of pieces) chunk.write(p);
      expect(bytesOf(chunk)).toEqual(utf8(pieces.join('')));
    }));
  });

  it('a chunk is written into the spare buffer when it is large enough, else into a new one', () => {
    const chunk = new Utf8Chunk(16);
    const spare = new SharedArrayBuffer(64);
    chunk.begin(spare);
    chunk.write('short\n');
    expect(chunk.take().buffer).toBe(spare);
    expect(bytesOf(chunk)).toEqual(utf8('short\n'));
    chunk.begin(new SharedArrayBuffer(4));
    chunk.write('é'.repeat(50));
    const { buffer, length } = chunk.take();
    expect(buffer.byteLength).toBeGreaterThanOrEqual(length);
    expect(new Uint8Array(buffer.slice(0, length))).toEqual(utf8('é'.repeat(50)));
    chunk.begin();
    chunk.write('next');
    expect(bytesOf(chunk)).toEqual(utf8('next'));
  });
});

describe('buffer sizes', () => {
  it('a rounded size is at least the size asked, at most an eighth more (or 128 bytes), and a multiple of 8 bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (n) => {
      const r = roundedSize(n);
      expect(r).toBeGreaterThanOrEqual(n);
      expect(r).toBeLessThanOrEqual(Math.max(n + 128, n * 1.125));
      expect(r % 8).toBe(0);
    }));
  });
});
