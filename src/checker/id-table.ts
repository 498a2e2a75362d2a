/**
 * A hash table from an ID's bytes to a record, for the checker's live jobs
 * and drives. A Map<string, R> needed the ID as a string first (a decode and
 * an allocation per row whose record was not in a small cache), then hashed
 * it and chased the entry, the key and the value around the heap: on the 1M
 * timeline those cache misses were the largest share of the checker's time.
 *
 * Here an ASCII ID of up to MAX_KEY bytes lives inline in its slot, beside its
 * hash and length (one 32-byte slot, one cache line), so a lookup straight
 * from the file's bytes reads that slot and then the record: no string is
 * made and nothing is allocated. Open addressing with linear probing; a
 * removal shifts the entries after it back, so there are no tombstones and
 * lookups never slow down over a long file. Any other ID (longer, non-ASCII)
 * goes to a plain Map: the simulator never writes one.
 */
import { slotOf } from './intern.js';

/** Bytes of key kept inline in a slot. */
export const MAX_KEY = 24;
const SLOT = 32;
const INTS = SLOT >> 2;
const HEAD = 8;
const CR = 13;

/** The hash of an ID: fieldHash (intern.ts) of its bytes, as the byte reader computes it while splitting. */
export function idHash(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c !== CR) h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/** Whether `id` is kept inline: 1 to MAX_KEY ASCII characters (its bytes are then its char codes). */
function inlineString(id: string, len = id.length): boolean {
  if (len === 0 || len > MAX_KEY) return false;
  for (let i = 0; i < len; i++) if (id.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** idHash of id's first `len` characters. */
function prefixHash(id: string, len: number): number {
  let h = 0;
  for (let i = 0; i < len; i++) {
    const c = id.charCodeAt(i);
    if (c !== CR) h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

export class IdTable<R> {
  private mask: number;
  private memory: ArrayBuffer;
  private bytes: Uint8Array;
  /** Per slot: [hash, length (0: empty), …key bytes]. */
  private ints: Int32Array;
  private recs: (R | undefined)[];
  private count = 0;
  /** IDs that are not kept inline. */
  private readonly others = new Map<string, R>();

  constructor(bits = 10) {
    const n = 1 << bits;
    this.mask = n - 1;
    this.memory = new ArrayBuffer(n * SLOT);
    this.bytes = new Uint8Array(this.memory);
    this.ints = new Int32Array(this.memory);
    this.recs = new Array<R | undefined>(n).fill(undefined);
  }

  get size(): number {
    return this.count + this.others.size;
  }

  /** The record of the ID whose bytes are buf[start, end); `hash` must be their fieldHash. */
  findBytes(buf: Uint8Array, start: number, end: number, hash: number): R | undefined {
    const len = end - start;
    if (len <= 0 || len > MAX_KEY) return this.others.size === 0 || len <= 0 ? undefined : this.others.get(Buffer.from(buf.buffer, buf.byteOffset + start, len).toString('utf8'));
    const ints = this.ints, b = this.bytes, mask = this.mask;
    for (let s = slotOf(hash) & mask; ; s = (s + 1) & mask) {
      const head = s * INTS;
      const l = ints[head + 1];
      if (l === 0) break;
      if (l === len && ints[head] === hash) {
        const at = s * SLOT + HEAD;
        let i = 0;
        while (i < len && b[at + i] === buf[start + i]) i++;
        if (i === len) return this.recs[s];
      }
    }
    // A key with a byte ≥ 0x80 is never inline: it may be among the others.
    if (this.others.size === 0) return undefined;
    for (let i = start; i < end; i++) if (buf[i] >= 0x80) return this.others.get(Buffer.from(buf.buffer, buf.byteOffset + start, len).toString('utf8'));
    return undefined;
  }

  /** The record of `id`. */
  get(id: string): R | undefined {
    return this.getHashed(id, idHash(id));
  }

  /** get, for a caller that has the ID's idHash already. */
  getHashed(id: string, hash: number): R | undefined {
    if (!inlineString(id)) return this.others.get(id);
    const s = this.find(id, hash);
    return s < 0 ? undefined : this.recs[s];
  }

  /** get(id.slice(0, len)), without making that string (0 ≤ len ≤ id.length). */
  getPrefix(id: string, len: number): R | undefined {
    if (!inlineString(id, len)) return this.others.size === 0 ? undefined : this.others.get(id.slice(0, len));
    const s = this.find(id, prefixHash(id, len), len);
    return s < 0 ? undefined : this.recs[s];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Sets the record of `id` (replacing any). */
  set(id: string, r: R): void {
    if (!inlineString(id)) {
      this.others.set(id, r);
      return;
    }
    const hash = idHash(id);
    const found = this.find(id, hash);
    if (found >= 0) {
      this.recs[found] = r;
      return;
    }
    // At most half full: probes stay short.
    if ((this.count + 1) * 2 > this.mask + 1) {
      this.grow();
      this.place(id, hash, r);
    } else {
      // find stopped at the first free slot of the run: where place would put it (one probe, not two).
      this.fill(-found - 1, id, hash, r);
    }
    this.count++;
  }

  /** Sets `id`'s record to `next` if it is `expected` (one probe, where get then set took two); returns whether it did. */
  replaceIf(id: string, expected: R, next: R): boolean {
    if (!inlineString(id)) {
      if (this.others.get(id) !== expected) return false;
      this.others.set(id, next);
      return true;
    }
    const s = this.find(id, idHash(id));
    if (s < 0 || this.recs[s] !== expected) return false;
    this.recs[s] = next;
    return true;
  }

  /** Removes `id` if its record is `expected` (one probe, where get then delete took two); returns whether it did. */
  deleteIf(id: string, expected: R): boolean {
    if (!inlineString(id)) return this.others.get(id) === expected && this.others.delete(id);
    const s = this.find(id, idHash(id));
    if (s < 0 || this.recs[s] !== expected) return false;
    this.removeAt(s);
    return true;
  }

  /** Removes `id` and returns its record (undefined: it was not there). */
  take(id: string): R | undefined {
    if (!inlineString(id)) {
      const r = this.others.get(id);
      this.others.delete(id);
      return r;
    }
    const s = this.find(id, idHash(id));
    if (s < 0) return undefined;
    const r = this.recs[s];
    this.removeAt(s);
    return r;
  }

  /** Removes `id`; returns whether it was there. */
  delete(id: string): boolean {
    if (!inlineString(id)) return this.others.delete(id);
    const s = this.find(id, idHash(id));
    if (s < 0) return false;
    this.removeAt(s);
    return true;
  }

  /** Empties slot `s` of an inline entry, shifting later entries of its run back. */
  private removeAt(s: number): void {
    const ints = this.ints, mask = this.mask;
    // Backward shift: move each later entry of the run into the hole when its home slot allows.
    for (let j = (s + 1) & mask; ; j = (j + 1) & mask) {
      const l = ints[j * INTS + 1];
      if (l === 0) break;
      const home = slotOf(ints[j * INTS]) & mask;
      // j's entry may move to s when s lies cyclically in [home, j).
      if (((j - home) & mask) >= ((j - s) & mask)) {
        this.bytes.copyWithin(s * SLOT, j * SLOT, j * SLOT + SLOT);
        this.recs[s] = this.recs[j];
        s = j;
      }
    }
    ints[s * INTS] = 0;
    ints[s * INTS + 1] = 0;
    this.recs[s] = undefined;
    this.count--;
  }

  /** The slot holding the inline `id` (its first `len` characters), or -1 - (the free slot that ends its run). */
  private find(id: string, hash: number, len = id.length): number {
    const ints = this.ints, b = this.bytes, mask = this.mask;
    for (let s = slotOf(hash) & mask; ; s = (s + 1) & mask) {
      const head = s * INTS;
      const l = ints[head + 1];
      if (l === 0) return -1 - s;
      if (l === len && ints[head] === hash) {
        const at = s * SLOT + HEAD;
        let i = 0;
        while (i < len && b[at + i] === id.charCodeAt(i)) i++;
        if (i === len) return s;
      }
    }
  }

  /** Puts an inline ID not in the table into its first free slot. */
  private place(id: string, hash: number, r: R): void {
    const ints = this.ints, mask = this.mask;
    let s = slotOf(hash) & mask;
    while (ints[s * INTS + 1] !== 0) s = (s + 1) & mask;
    this.fill(s, id, hash, r);
  }

  /** Writes an inline entry into the free slot `s`. */
  private fill(s: number, id: string, hash: number, r: R): void {
    const ints = this.ints;
    ints[s * INTS] = hash;
    ints[s * INTS + 1] = id.length;
    const at = s * SLOT + HEAD;
    for (let i = 0; i < id.length; i++) this.bytes[at + i] = id.charCodeAt(i);
    this.recs[s] = r;
  }

  private grow(): void {
    const oldInts = this.ints, oldRecs = this.recs, oldN = this.mask + 1;
    const n = oldN * 2;
    this.mask = n - 1;
    this.memory = new ArrayBuffer(n * SLOT);
    this.bytes = new Uint8Array(this.memory);
    this.ints = new Int32Array(this.memory);
    this.recs = new Array<R | undefined>(n).fill(undefined);
    for (let o = 0; o < oldN; o++) {
      if (oldInts[o * INTS + 1] === 0) continue;
      const hash = oldInts[o * INTS];
      let s = slotOf(hash) & this.mask;
      while (this.ints[s * INTS + 1] !== 0) s = (s + 1) & this.mask;
      // Int by int: a subarray per entry was a view object each (~20 MB per 100k jobs over the growths).
      for (let k = 0; k < INTS; k++) this.ints[s * INTS + k] = oldInts[o * INTS + k];
      this.recs[s] = oldRecs[o];
    }
  }
}
