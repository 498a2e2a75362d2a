/**
 * The checker's timers as rows of typed arrays, named by a slot number (a
 * Timer is that number), with a free list. A timer used to be an object
 * with two boxed doubles: at the 1M scale ~400k of them were queued at once
 * and ~8M were made in a run, each living the days or weeks of its rule, so
 * nearly all were promoted to the old generation and died there. Here a
 * timer is a few array entries that are reused: no allocation per timer,
 * nothing for the collector to trace but the owners array.
 *
 * A slot is reused only when nothing can name it any more: its timer has
 * left the queue (popped) and is `off` (disarmed or fired). The records that
 * hold a timer drop or overwrite their reference when they disarm it
 * (context.ts's disarm returns null for that); one that must keep a non-null
 * reference takes DEAD, a slot that is off forever and never freed. (A
 * record dropped by compaction keeps its retention timer's number, handed to
 * its CompactJob: nothing acts on a dropped record again.)
 */
import { TIMERS, type TimerKey } from '../spec/timers.js';

/** The timer kinds, in the spec's order (a timer's key is stored as its index here). */
export const KEYS = Object.keys(TIMERS) as TimerKey[];
const KEY_CODE = new Map<TimerKey, number>(KEYS.map((k, i) => [k, i]));

/** A timer: its slot in the pool (≥ 1, so that a set timer field is truthy). */
export type Timer = number;

/**
 * `ARMED`: pending. `MISSED`: its due time passed without its row (already
 * reported; a late row is then accepted without a second report). `LAPSED`:
 * its due time passed and that was allowed (an early return that could not
 * be made). `OFF`: fired, or cancelled.
 */
export const OFF = 0;
export const ARMED = 1;
export const MISSED = 2;
export const LAPSED = 3;
/** A free slot (reads as OFF to anyone still holding it: nobody should). */
const FREE = 4;

/** A timer that is off forever: what a record keeps in place of a disarmed timer it must still show as set. */
export const DEAD: Timer = 1;

export class TimerPool<Owner = unknown> {
  private state = new Uint8Array(64);
  /** 1 while the slot is in the queue (it cannot be freed before it comes out). */
  private queued = new Uint8Array(64);
  /** Index in KEYS. */
  private keys = new Uint8Array(64);
  private dues = new Float64Array(64);
  private armedAts = new Float64Array(64);
  private armedLines = new Float64Array(64);
  private owners: (Owner | null)[] = new Array<Owner | null>(64).fill(null);
  /** Free slots, a stack; slots ≥ `top` have never been used. */
  private free = new Int32Array(64);
  private nFree = 0;
  /** Slot 0 is never used (a timer is truthy), slot 1 is DEAD. */
  private top = 2;

  /** Slots in use (DEAD and the unused slot 0 not counted). */
  get used(): number {
    return this.top - 2 - this.nFree;
  }

  /** A new armed timer (not yet queued). */
  protected make(key: TimerKey, owner: Owner, due: number, armedAt: number, armedLine: number): Timer {
    const t = this.nFree > 0 ? this.free[--this.nFree] : this.top++;
    if (t >= this.state.length) this.grow();
    this.state[t] = ARMED;
    this.queued[t] = 1;
    this.keys[t] = KEY_CODE.get(key)!;
    this.dues[t] = due;
    this.armedAts[t] = armedAt;
    this.armedLines[t] = armedLine;
    this.owners[t] = owner;
    return t;
  }

  /** `t` came out of the queue: freed if it is off, else kept for the owner that still holds it. */
  protected dequeued(t: Timer): void {
    this.queued[t] = 0;
    if (this.state[t] === OFF) this.release(t);
  }

  key(t: Timer): TimerKey {
    return KEYS[this.keys[t]];
  }

  due(t: Timer): number {
    return this.dues[t];
  }

  armedAt(t: Timer): number {
    return this.armedAts[t];
  }

  armedLine(t: Timer): number {
    return this.armedLines[t];
  }

  /** ARMED, MISSED, LAPSED or OFF. */
  stateOf(t: Timer): number {
    const s = this.state[t];
    return s === FREE ? OFF : s;
  }

  /** null once disarmed (nothing reads it then). */
  owner(t: Timer): Owner | null {
    return this.owners[t];
  }

  setOwner(t: Timer, owner: Owner): void {
    this.owners[t] = owner;
  }

  /** Marks a popped timer MISSED or LAPSED (it stays its owner's until disarmed). */
  setState(t: Timer, s: typeof MISSED | typeof LAPSED): void {
    this.state[t] = s;
  }

  /** Cancels `t` (fired or no longer wanted); its holder must drop the reference (see the top comment). */
  disarm(t: Timer): void {
    if (t === DEAD || this.state[t] === FREE) return;
    this.state[t] = OFF;
    // Nothing reads a disarmed timer's owner: let the pool not keep the record alive until the slot is reused.
    this.owners[t] = null;
    if (this.queued[t] === 0) this.release(t);
  }

  private release(t: Timer): void {
    this.state[t] = FREE;
    this.owners[t] = null;
    if (this.nFree === this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = t;
  }

  private grow(): void {
    const n = this.state.length * 2;
    const bytes = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const doubles = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.state = bytes(this.state);
    this.queued = bytes(this.queued);
    this.keys = bytes(this.keys);
    this.dues = doubles(this.dues);
    this.armedAts = doubles(this.armedAts);
    this.armedLines = doubles(this.armedLines);
    for (let i = this.owners.length; i < n; i++) this.owners.push(null);
  }
}
