/**
 * A binary min-heap of timers by (due time, arming order): the part of the
 * checker's timer queue (timer-queue.ts) for timers armed out of due order.
 *
 * Keys live in typed arrays beside the timers (slots of timer-pool.ts): a
 * sift compares contiguous numbers instead of chasing tens of thousands of
 * objects around memory; it was 10% of the checker's time.
 */
import type { Timer } from './timer-pool.js';

export class TimerHeap {
  private due = new Float64Array(64);
  /** Arming order (the queue's counter): equal due times pop first-armed first, so the order is deterministic. */
  private seq = new Float64Array(64);
  private items = new Int32Array(64);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Adds `t`, due at `due`, armed as the `s`-th timer of its queue. */
  push(t: Timer, due: number, s: number): void {
    if (this.n === this.due.length) this.grow();
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
  }

  /** Writes the earliest timer's due time and arming order (Infinity, Infinity when empty) at `at` of `due` and `seq`. */
  headInto(due: Float64Array, seq: Float64Array, at: number): void {
    const some = this.n > 0;
    due[at] = some ? this.due[0] : Infinity;
    seq[at] = some ? this.seq[0] : Infinity;
  }

  /** The earliest timer's due time (armed or not), or Infinity. */
  peekDue(): number {
    return this.n > 0 ? this.due[0] : Infinity;
  }

  /** The earliest timer's arming order (with peekDue: the order between queues). */
  peekSeq(): number {
    return this.n > 0 ? this.seq[0] : Infinity;
  }

  /** Removes and returns the earliest timer, or undefined. */
  pop(): Timer | undefined {
    if (this.n === 0) return undefined;
    const d = this.due, q = this.seq, it = this.items;
    const top = it[0];
    const n = --this.n;
    const lastDue = d[n], lastSeq = q[n], last = it[n];
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
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.due = due;
    this.seq = seq;
    this.items = items;
  }
}
