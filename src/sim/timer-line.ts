/**
 * A line of timers that all run a fixed delay after they start: a
 * timeout every entity starts the same way (a 14-day expiry, 90 days of
 * retention). Started in time order, they are due in the same order, so the
 * line is a FIFO ring and only its first live timer sits in the event heap.
 * Starting or cancelling one is O(1) instead of O(log n), and the heap stays
 * as small as the events that are not simple timeouts.
 *
 * Each timer takes its sequence number from the queue when it starts, and
 * enters the heap with it, so events run in exactly the order they would if
 * every timer had been pushed into the heap (same ties, same results).
 *
 * Handles are negative numbers (a heap handle is >= 0) so that
 * Simulation.cancel() and friends accept either kind.
 */
import type { EventQueue } from './event-queue.js';

export const MAX_LINES = 64;

export class TimerLine<T> {
  private cap = 256;
  private times = new Float64Array(this.cap);
  private seqs = new Float64Array(this.cap);
  private datas: (T | undefined)[] = new Array(this.cap);
  private live = new Uint8Array(this.cap);
  private head = 0;
  private tail = 0;
  /** Heap handle of the head's event, or -1 when the line is empty. */
  private headEvent = -1;
  private readonly fireHead = () => this.fire();

  /** @internal Made by Simulation.line(). */
  constructor(
    private readonly queue: EventQueue,
    /** The simulation (its `now`), not a function of it: a closure per run is a new call target for compiled code. */
    private readonly clock: { readonly now: number },
    private readonly index: number,
    readonly delay: number,
    readonly priority: number,
    private readonly fn: (data: T) => void,
  ) {}

  /** Timers started and not yet run or cancelled. */
  size = 0;

  /** Starts a timer: fn(data) runs at now + delay. Returns its handle. */
  start(data: T): number {
    if (this.tail - this.head === this.cap) this.grow();
    const e = this.tail++;
    const k = e & (this.cap - 1);
    this.times[k] = Math.round(this.clock.now + this.delay);
    this.seqs[k] = this.queue.reserveSequence();
    this.datas[k] = data;
    this.live[k] = 1;
    this.size++;
    if (this.headEvent < 0) this.scheduleHead();
    return -(2 + this.index + MAX_LINES * e);
  }

  /** @internal The entry of a handle of this line (see Simulation). */
  static entryOf(handle: number): number {
    return Math.floor((-handle - 2) / MAX_LINES);
  }

  /** @internal The line index of a negative handle. */
  static lineOf(handle: number): number {
    return (-handle - 2) % MAX_LINES;
  }

  isPending(handle: number): boolean {
    const e = TimerLine.entryOf(handle);
    return e >= this.head && e < this.tail && this.live[e & (this.cap - 1)] === 1;
  }

  /** When a pending timer will run, or NaN. */
  dueTime(handle: number): number {
    return this.isPending(handle) ? this.times[TimerLine.entryOf(handle) & (this.cap - 1)] : NaN;
  }

  cancel(handle: number): boolean {
    if (!this.isPending(handle)) return false;
    const e = TimerLine.entryOf(handle);
    const k = e & (this.cap - 1);
    this.live[k] = 0;
    this.datas[k] = undefined;
    this.size--;
    if (e === this.head) {
      this.queue.cancel(this.headEvent);
      this.headEvent = -1;
      this.advance();
      if (this.head < this.tail) this.scheduleHead();
    }
    return true;
  }

  /**
   * Cancels a pending timer and starts it again with the same data (a reset
   * timeout): it runs `delay` after now, behind the timers started before.
   * Returns the new handle.
   */
  restart(handle: number): number {
    if (!this.isPending(handle)) throw new RangeError('restart: the timer is not pending');
    const data = this.datas[TimerLine.entryOf(handle) & (this.cap - 1)] as T;
    this.cancel(handle);
    return this.start(data);
  }

  /** The head is due: take it off the line, put the next one in the heap, then run it. */
  private fire(): void {
    const k = this.head & (this.cap - 1);
    const data = this.datas[k] as T;
    this.live[k] = 0;
    this.datas[k] = undefined;
    this.size--;
    this.headEvent = -1;
    this.advance();
    if (this.head < this.tail) this.scheduleHead();
    this.fn(data);
  }

  /** Moves the head past timers already run or cancelled. */
  private advance(): void {
    while (this.head < this.tail && this.live[this.head & (this.cap - 1)] === 0) this.head++;
  }

  private scheduleHead(): void {
    const k = this.head & (this.cap - 1);
    this.headEvent = this.queue.pushReserved(this.times[k], this.priority, this.seqs[k], this.fireHead);
  }

  private grow(): void {
    const cap = this.cap * 2;
    const times = new Float64Array(cap), seqs = new Float64Array(cap), live = new Uint8Array(cap);
    const datas: (T | undefined)[] = new Array(cap);
    for (let e = this.head; e < this.tail; e++) {
      const from = e & (this.cap - 1), to = e & (cap - 1);
      times[to] = this.times[from];
      seqs[to] = this.seqs[from];
      live[to] = this.live[from];
      datas[to] = this.datas[from];
    }
    this.cap = cap;
    this.times = times;
    this.seqs = seqs;
    this.live = live;
    this.datas = datas;
  }
}
