/**
 * The checker's own timer queue (it must not share the simulator's): a binary
 * min-heap of due times. A timer is disarmed by flipping its state, not by
 * removal ("lazy deletion"): a disarmed timer is dropped when it reaches the
 * top, so cancel and restart are O(1) and O(log n), and the heap holds at
 * most the timers armed in the last longest-duration window.
 *
 * Keys live in typed arrays beside the timer objects: a sift compares
 * contiguous numbers instead of chasing tens of thousands of objects (and
 * their boxed doubles) around memory; it was 10% of the checker's time.
 */
import type { TimerKey } from '../spec/timers.js';

/**
 * `armed`: pending. `missed`: its due time passed without its row (already
 * reported; a late row is then accepted without a second report). `lapsed`:
 * its due time passed and that was allowed (an early return that could not be
 * made). `off`: fired, or cancelled.
 */
export type TimerState = 'armed' | 'missed' | 'lapsed' | 'off';

export interface Timer<Owner = unknown> {
  key: TimerKey;
  due: number;
  /** null once disarmed (nothing reads it then). */
  owner: Owner | null;
  state: TimerState;
  /** When and on which line it was armed (messages). */
  armedAt: number;
  armedLine: number;
}

export class TimerHeap<Owner = unknown> {
  private due = new Float64Array(1024);
  /** Arming order: equal due times pop first-armed first, so the order is deterministic. */
  private seq = new Float64Array(1024);
  private items: Timer<Owner>[] = [];
  private n = 0;
  private counter = 0;

  get size(): number {
    return this.n;
  }

  arm(key: TimerKey, owner: Owner, due: number, armedAt: number, armedLine: number): Timer<Owner> {
    const t: Timer<Owner> = { key, due, owner, state: 'armed', armedAt, armedLine };
    if (this.n === this.due.length) this.grow();
    const s = this.counter++;
    const d = this.due, q = this.seq, it = this.items;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (d[p] < due || (d[p] === due && q[p] < s)) break;
      d[i] = d[p];
      q[i] = q[p];
      it[i] = it[p];
      i = p;
    }
    d[i] = due;
    q[i] = s;
    it[i] = t;
    return t;
  }

  /** The earliest timer's due time (armed or not), or Infinity. */
  peekDue(): number {
    return this.n > 0 ? this.due[0] : Infinity;
  }

  pop(): Timer<Owner> | undefined {
    if (this.n === 0) return undefined;
    const d = this.due, q = this.seq, it = this.items;
    const top = it[0];
    const n = --this.n;
    const lastDue = d[n], lastSeq = q[n], last = it[n];
    it[n] = undefined as unknown as Timer<Owner>; // let the popped timer go
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (d[r] < d[l] || (d[r] === d[l] && q[r] < q[l])) ? r : l;
        if (lastDue < d[c] || (lastDue === d[c] && lastSeq < q[c])) break;
        d[i] = d[c];
        q[i] = q[c];
        it[i] = it[c];
        i = c;
      }
      d[i] = lastDue;
      q[i] = lastSeq;
      it[i] = last;
    }
    return top;
  }

  private grow(): void {
    const due = new Float64Array(this.due.length * 2);
    due.set(this.due);
    const seq = new Float64Array(this.seq.length * 2);
    seq.set(this.seq);
    this.due = due;
    this.seq = seq;
  }
}
