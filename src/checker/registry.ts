/**
 * The live job or drive records by ID, in an IdTable (id-table.ts): the row
 * reader finds a row's records straight from the file's bytes, with the hash
 * it computed while splitting, and hands them to the handlers with the row;
 * a handler then gets its record without a second lookup. A record knows
 * whether it is registered, so one removed since the reader looked (a job
 * compacted at the end of the previous instant) is never returned.
 */
import { IdTable, idHash } from './id-table.js';

export interface Registered {
  readonly id: string;
  /** Whether the registry holds this record now (set by the registry only). */
  registered: boolean;
}

export class Registry<R extends Registered> {
  /** ID → record (named map: tests peek at it without the fallback). */
  private readonly map: IdTable<R>;
  /** Asked for an ID the table does not hold: may register its record (a compacted job's, compact.ts) and return it. */
  fallback: ((id: string) => R | undefined) | null = null;

  /** `bits`: log2 of the table's first capacity (it grows). */
  constructor(bits: number) {
    this.map = new IdTable<R>(bits);
  }

  /** The registered record whose ID is the bytes buf[start, end) (`hash`: their fieldHash), if any. */
  cached(buf: Uint8Array, start: number, end: number, hash: number): R | undefined {
    return this.map.findBytes(buf, start, end, hash);
  }

  /**
   * The record of `id`, given back by the fallback if need be. `hash` is its
   * idHash when the caller has it; `hint` what the reader found for it (null:
   * nothing).
   */
  get(id: string, hash = idHash(id), hint: R | null = null): R | undefined {
    // Registered means the table holds it under its ID: the same answer as the table's.
    if (hint !== null && hint.registered && hint.id === id) return hint;
    const r = this.map.getHashed(id, hash);
    if (r !== undefined) return r;
    return this.fallback === null ? undefined : this.fallback(id);
  }

  /** The registered record of `id`, without the fallback (nothing is given back). */
  peek(id: string): R | undefined {
    return this.map.getHashed(id, idHash(id));
  }

  has(id: string, hash = idHash(id), hint: R | null = null): boolean {
    return this.get(id, hash, hint) !== undefined;
  }

  /** Registers `r` under its own ID (no record is registered under it). */
  add(r: R): void {
    r.registered = true;
    this.map.set(r.id, r);
  }

  delete(id: string): void {
    const r = this.map.take(id);
    if (r !== undefined) r.registered = false;
  }

  get size(): number {
    return this.map.size;
  }
}
