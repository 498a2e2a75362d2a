/**
 * Field text from bytes without a new string per field. A timeline repeats
 * its packages and details: a direct-mapped cache from a field's bytes to
 * its string gives back the same string object each time, so the checker's
 * map lookups find its hash already computed and nothing is allocated.
 * (The vocabulary, kinds to rules, is read as codes: vocabulary.ts; IDs
 * from the registries.) A slot is simply overwritten on a collision, so the
 * cache's memory is fixed, whatever the file's size.
 */

/**
 * A slot is 64 bytes of one buffer: its hash, its length (-1: empty) and up
 * to 56 bytes of the field, so a lookup reads one or two cache lines, not
 * one per array (the file's IDs are spread over a large working set).
 */
const SLOT = 64;
const HEAD = 8;
const MAX_LEN = SLOT - HEAD;

export class ByteInterner {
  private readonly mask: number;
  private readonly bytes: Uint8Array;
  private readonly ints: Int32Array;
  private readonly strings: string[];

  constructor(bits: number) {
    const n = 1 << bits;
    this.mask = n - 1;
    const memory = new ArrayBuffer(n * SLOT);
    this.bytes = new Uint8Array(memory);
    this.ints = new Int32Array(memory);
    for (let i = 0; i < n; i++) this.ints[i * (SLOT >> 2) + 1] = -1;
    this.strings = new Array<string>(n).fill('');
  }

  /**
   * The text of `buf[start, end)` (UTF-8). `hash` must be fieldHash of those
   * bytes: the caller computes it while scanning for the field's end.
   */
  get(buf: Buffer, start: number, end: number, hash: number): string {
    const len = end - start;
    if (len === 0) return '';
    if (len > MAX_LEN) return decode(buf, start, end);
    const slot = slotOf(hash) & this.mask;
    const b = this.bytes, head = slot * (SLOT >> 2), at = slot * SLOT + HEAD;
    if (this.ints[head] === hash && this.ints[head + 1] === len) {
      let i = 0;
      while (i < len && b[at + i] === buf[start + i]) i++;
      if (i === len) return this.strings[slot];
    }
    const text = decode(buf, start, end);
    this.ints[head] = hash;
    this.ints[head + 1] = len;
    for (let i = 0; i < len; i++) b[at + i] = buf[start + i];
    this.strings[slot] = text;
    return text;
  }
}

/** Spreads a fieldHash over a table's slots (mask the result). */
export function slotOf(hash: number): number {
  return hash ^ (hash >>> 13) ^ (hash >>> 23);
}

/** The hash `get` expects, over bytes other than CR (the scan skips a line's CR). */
export function fieldHash(buf: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 13) h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/**
 * UTF-8 text of a byte range, as a fresh string (it shares no memory with the
 * buffer), decoded as the old string stream did (invalid bytes become U+FFFD).
 */
export function decode(buf: Buffer, start: number, end: number): string {
  // ASCII (all of a simulator's timeline) decodes fastest as latin1.
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return buf.toString('utf8', start, end);
  return buf.toString('latin1', start, end);
}
