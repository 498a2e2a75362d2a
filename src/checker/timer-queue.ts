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
 */
import type { TimerKey } from '../spec/timers.js';
import { TimerHeap } from './timer-heap.js';
import { TimerLine } from './timer-line.js';
import { KEYS, TimerPool, type Timer } from './timer-pool.js';


export class TimerQueue<Owner = unknown> extends TimerPool<Owner> {
  private readonly lines = new Map<TimerKey, TimerLine>(KEYS.map((k) => [k, new TimerLine()]));
  /** The same lines, for scanning their heads. */
  private readonly all = [...this.lines.values()];
  private readonly outOfOrder = new TimerHeap();
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
    const line = this.lines.get(key)!;
    if (line.accepts(due)) line.push(t, due, s);
    else this.outOfOrder.push(t, due, s);
    // Armed last, it comes out before the current next one only if due strictly earlier.
    if (this.next !== -2 && due < this.peekDue()) this.next = -2;
    return t;
  }

  /** The next timer's due time (armed or not), or Infinity. */
  peekDue(): number {
    const i = this.nextIndex();
    return i === -1 ? this.outOfOrder.peekDue() : this.all[i].peekDue();
  }

  /**
   * Takes the next timer out of the queue. One that is off is freed on the
   * way (its slot may be reused by the next arm): check stateOf before arming.
   */
  pop(): Timer | undefined {
    const i = this.nextIndex();
    this.next = -2;
    const t = i === -1 ? this.outOfOrder.pop() : this.all[i].pop();
    if (t !== undefined) this.dequeued(t);
    return t;
  }

  private nextIndex(): number {
    if (this.next !== -2) return this.next;
    let best = -1;
    let due = this.outOfOrder.peekDue(), seq = this.outOfOrder.peekSeq();
    const all = this.all;
    for (let i = 0; i < all.length; i++) {
      const d = all[i].peekDue();
      if (d < due || (d === due && d !== Infinity && all[i].peekSeq() < seq)) {
        best = i;
        due = d;
        seq = all[i].peekSeq();
      }
    }
    this.next = best;
    return best;
  }
}
