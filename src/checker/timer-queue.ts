/**
 * The checker's own timer queue (it must not share the simulator's): timers
 * come out by due time, equal due times in arming order, so the order is
 * deterministic. A timer is disarmed by flipping its state, not by removal
 * ("lazy deletion"): a disarmed timer is dropped when it comes out, so
 * cancel is O(1), and the queue holds at most the timers armed in the last
 * longest-duration window.
 *
 * Nearly every timer is armed for a fixed duration from the current instant,
 * so per timer kind the due times come in order: each kind has a FIFO line
 * (timer-line.ts). A timer that would break its line's order (an extend's
 * deadline, R-SHIP-RESOLVE) goes to a small heap instead. The next timer is
 * the least (due, arming order) among the lines' heads and the heap's top:
 * exactly the order one heap of all timers gives.
 *
 * The queue is also where its timers live (it extends TimerPool, whose slots
 * they are): a timer's slot is freed when it comes out of the queue off, or
 * when it is disarmed after it came out.
 *
 * The heads' due times and arming orders are copied into typed arrays here
 * whenever a head changes, and the next timer is found from those: V8 boxes
 * a double that a call it does not inline returns, and the lines' peekDue
 * had made a HeapNumber per instant and line (~30 MB of garbage per 100k jobs).
 */
import type { TimerKey } from '../spec/timers.js';
import { TimerHeap } from './timer-heap.js';
import { TimerLine } from './timer-line.js';
import { KEYS, TimerPool, type Timer } from './timer-pool.js';

/** The heap's index in the head arrays (after the lines'). */
const HEAP = KEYS.length;

export class TimerQueue<Owner = unknown> extends TimerPool<Owner> {
  /** One line per kind, in KEYS order (a timer's key code is its line). */
  private readonly all = KEYS.map(() => new TimerLine());
  private readonly lineOf = new Map<TimerKey, number>(KEYS.map((k, i) => [k, i]));
  private readonly outOfOrder = new TimerHeap();
  /** Each line's head due time and arming order (Infinity: empty), then the heap's, at index HEAP. */
  private readonly headDue = new Float64Array(KEYS.length + 1).fill(Infinity);
  private readonly headSeq = new Float64Array(KEYS.length + 1).fill(Infinity);
  private counter = 0;
  /** The line holding the next timer (-1: the heap; -2: not known since the last change). */
  private next = -2;

  get size(): number {
    let n = this.outOfOrder.size;
    for (const l of this.all) n += l.size;
    return n;
  }

  arm(key: TimerKey, owner: Owner, due: number, armedAt: number, armedLine: number): Timer {
    const t = this.make(key, owner, due, armedAt, armedLine);
    const s = this.counter++;
    const i = this.lineOf.get(key)!;
    const line = this.all[i];
    let q = HEAP;
    if (line.accepts(due)) {
      line.push(t, due, s);
      q = i;
      line.headInto(this.headDue, this.headSeq, i);
    } else {
      this.outOfOrder.push(t, due, s);
      this.outOfOrder.headInto(this.headDue, this.headSeq, HEAP);
    }
    // Armed last, it comes out before the current next one only if due strictly earlier (then it heads its queue).
    if (this.next !== -2 && this.headDue[q] < this.headDue[this.next === -1 ? HEAP : this.next]) this.next = -2;
    return t;
  }

  /** The next timer's due time (armed or not), or Infinity. */
  peekDue(): number {
    const i = this.nextIndex();
    return this.headDue[i === -1 ? HEAP : i];
  }

  /** Whether the next timer (armed or not) is due before `t`. */
  dueBefore(t: number): boolean {
    const i = this.nextIndex();
    return this.headDue[i === -1 ? HEAP : i] < t;
  }

  /** Whether the next timer (armed or not) is due at or before `t`. */
  dueBy(t: number): boolean {
    const i = this.nextIndex();
    return this.headDue[i === -1 ? HEAP : i] <= t;
  }

  /**
   * Takes the next timer out of the queue. One that is off is freed on the
   * way (its slot may be reused by the next arm): check stateOf before arming.
   */
  pop(): Timer | undefined {
    const i = this.nextIndex();
    this.next = -2;
    let t: Timer | undefined;
    if (i === -1) {
      t = this.outOfOrder.pop();
      this.outOfOrder.headInto(this.headDue, this.headSeq, HEAP);
    } else {
      t = this.all[i].pop();
      this.all[i].headInto(this.headDue, this.headSeq, i);
    }
    if (t !== undefined) this.dequeued(t);
    return t;
  }

  private nextIndex(): number {
    if (this.next !== -2) return this.next;
    const dues = this.headDue, seqs = this.headSeq;
    let best = -1;
    let due = dues[HEAP], seq = seqs[HEAP];
    for (let i = 0; i < HEAP; i++) {
      const d = dues[i];
      if (d < due || (d === due && d !== Infinity && seqs[i] < seq)) {
        best = i;
        due = d;
        seq = seqs[i];
      }
    }
    this.next = best;
    return best;
  }
}
