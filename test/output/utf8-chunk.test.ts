import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Utf8Chunk } from '../../src/output/utf8-chunk.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('UTF-8 chunk built from several strings', () => {
  it('the bytes are the UTF-8 of the strings joined, whatever their sizes', () => {
    // Pieces end on whole characters, as csv-stringify's text does (it ends with a newline).
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 20 }), (pieces) => {
      const chunk = new Utf8Chunk(8);
      for (const p of pieces) chunk.write(p);
      expect(chunk.take()).toEqual(utf8(pieces.join('')));
    }));
  });

  it('the next chunk starts empty', () => {
    const chunk = new Utf8Chunk(4);
    chunk.write('é'.repeat(50));
    chunk.take();
    chunk.write('next');
    expect(chunk.take()).toEqual(utf8('next'));
  });
});
