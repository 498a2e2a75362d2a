/**
 * The live job or drive records by ID. A Map is the truth, but on a large
 * timeline a lookup in it costs several cache misses (hundreds of thousands
 * of records, spread over the heap). So the row reader first asks a small
 * direct-mapped cache, indexed by the hash of the ID's bytes it computed
 * anyway, and compares the bytes with the cached record's ID: a hit gives
 * the record and its ID string with no decoding and no Map lookup. A record
 * knows whether it is registered, so one removed since is never returned.
 */
import { slotOf } from './intern.js';

export interface Registered {
  readonly id: string;
  /** Whether the registry holds this record now (set by the registry only). */
  registered: boolean;
}

export class Registry<R extends Registered> {
  private readonly map = new Map<string, R>();
  private readonly cache: (R | undefined)[];
  private readonly mask: number;
  /** Asked for an ID the map does not hold: may register its record (a compacted job's, compact.ts) and return it. */
  fallback: ((id: string) => R | undefined) | null = null;

  constructor(bits: number) {
    this.cache = new Array<R | undefined>(1 << bits).fill(undefined);
    this.mask = (1 << bits) - 1;
  }

  /** The cache slot for an ID whose bytes have fieldHash `hash`. */
  slot(hash: number): number {
    return slotOf(hash) & this.mask;
  }

  /** The registered record whose ID is the bytes buf[start, end), if the cache holds it at `slot`. */
  cached(buf: Uint8Array, start: number, end: number, slot: number): R | undefined {
    const r = this.cache[slot];
    if (r === undefined || !r.registered) return undefined;
    const id = r.id;
    const len = end - start;
    if (id.length !== len) return undefined;
    for (let i = 0; i < len; i++) if (id.charCodeAt(i) !== buf[start + i]) return undefined;
    return r;
  }

  /**
   * The record of `id`. `hint` is what the reader found in the cache for it
   * (null: nothing), `slot` the ID's cache slot (-1: no bytes were read).
   */
  get(id: string, slot = -1, hint: R | null = null): R | undefined {
    // Registered means the map holds it under its ID: the same answer as the map's.
    if (hint !== null && hint.registered && hint.id === id) return hint;
    let r = this.map.get(id);
    if (r === undefined) {
      if (this.fallback === null) return undefined;
      r = this.fallback(id);
      if (r === undefined) return undefined;
    }
    if (slot >= 0) this.cache[slot] = r;
    return r;
  }

  has(id: string, slot = -1, hint: R | null = null): boolean {
    return this.get(id, slot, hint) !== undefined;
  }

  /** Registers `r` under its own ID (no record is registered under it). */
  add(r: R): void {
    r.registered = true;
    this.map.set(r.id, r);
  }

  delete(id: string): void {
    const r = this.map.get(id);
    if (r === undefined) return;
    r.registered = false;
    this.map.delete(id);
    // Let the record go (an ASCII ID hashes as its bytes did).
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
    const slot = this.slot(h);
    if (this.cache[slot] === r) this.cache[slot] = undefined;
  }

  get size(): number {
    return this.map.size;
  }
}
