/**
 * An indexed 4-ary min-heap of pending events, ordered by
 * (time, priority, sequence number): earlier time first; at equal times the
 * lower priority number first; at equal time and priority, the event
 * scheduled first (FIFO). The sequence number makes the order total, so a run
 * never depends on heap internals.
 *
 * Keys live in typed arrays by heap position (cache-friendly compares); each
 * event also has a slot that never moves, so a handle can cancel or
 * reschedule it in O(log n). A handle is `generation * 2^24 + slot`: a slot
 * is reused after its event fires, and the generation makes an old handle
 * harmless instead of cancelling a stranger's event.
 */

export type Callback = (data: any) => void;

const SLOT_BITS = 24;
const SLOT_COUNT = 1 << SLOT_BITS; // 16.7 M events pending at once
const SLOT_MASK = SLOT_COUNT - 1;
// Priority and sequence share one double (53 exact bits): 2^20 priorities
// either side of 0 and 2^32 (4.3 billion) schedules per queue.
const PRIORITY_BIAS = 2 ** 19;
export const MIN_PRIORITY = -PRIORITY_BIAS;
export const MAX_PRIORITY = PRIORITY_BIAS - 1;
const SEQ_SPAN = 2 ** 32;

export class EventQueue {
  private time: Float64Array;
  /** Priority and sequence number in one exact double: (priority + 2^20)·2^32 + seq. */
  private order: Float64Array;
  private slotAtPos: Int32Array;
  private posOfSlot: Int32Array;
  private generation: Float64Array;
  private fns: (Callback | undefined)[] = [];
  private datas: unknown[] = [];
  private freeSlots: number[] = [];
  private nextSlot = 0;
  private nextSeq = 0;
  private n = 0;

  /** Filled by pop(): the event just taken off the queue. */
  poppedTime = 0;
  poppedFn: Callback | undefined = undefined;
  poppedData: unknown = undefined;
  /** The popped event's number from pushWithAux() (0 otherwise). */
  poppedAux = 0;
  /** A number per slot that rides along with an event (see pushWithAux). */
  private aux: Float64Array;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.time = new Float64Array(c);
    this.order = new Float64Array(c);
    this.slotAtPos = new Int32Array(c);
    this.posOfSlot = new Int32Array(c).fill(-1);
    this.generation = new Float64Array(c);
    this.aux = new Float64Array(c);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  push(time: number, priority: number, fn: Callback, data?: unknown): number {
    checkPriority(priority);
    return this.pushAt(time, priority, this.nextSequence(), fn, data);
  }

  /**
   * Takes the sequence number an event scheduled now would get, for an event
   * that enters the heap later with pushReserved() (a TimerLine's entries):
   * it then sorts exactly as if it had been pushed now.
   */
  reserveSequence(): number {
    return this.nextSequence();
  }

  /**
   * Pushes an event that carries a number besides its data (poppedAux after
   * pop()): a Resource keeps each waiter's request time there, instead of
   * allocating a closure per waiting request.
   */
  pushWithAux(time: number, priority: number, fn: Callback, data: unknown, aux: number): number {
    checkPriority(priority);
    return this.pushAt(time, priority, this.nextSequence(), fn, data, aux);
  }

  /** Pushes an event with a sequence number from reserveSequence(). */
  pushReserved(time: number, priority: number, seq: number, fn: Callback, data?: unknown): number {
    checkPriority(priority);
    return this.pushAt(time, priority, seq, fn, data);
  }

  private pushAt(time: number, priority: number, seq: number, fn: Callback, data: unknown, aux = 0): number {
    const slot = this.allocSlot();
    this.fns[slot] = fn;
    this.aux[slot] = aux;
    this.datas[slot] = data;
    const pos = this.n++;
    if (pos >= this.time.length) this.growHeap();
    this.time[pos] = time;
    this.order[pos] = (priority + PRIORITY_BIAS) * SEQ_SPAN + seq;
    this.slotAtPos[pos] = slot;
    this.posOfSlot[slot] = pos;
    this.siftUp(pos);
    return this.generation[slot] * SLOT_COUNT + slot;
  }

  /** Removes the first event into popped*; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const slot = this.slotAtPos[0];
    this.poppedTime = this.time[0];
    this.poppedFn = this.fns[slot];
    this.poppedData = this.datas[slot];
    this.poppedAux = this.aux[slot];
    this.removeAt(0);
    this.freeSlot(slot);
    return true;
  }

  isPending(handle: number): boolean {
    return this.posOf(handle) >= 0;
  }

  /** Scheduled time of a pending event, or NaN. */
  timeOf(handle: number): number {
    const pos = this.posOf(handle);
    return pos >= 0 ? this.time[pos] : NaN;
  }

  cancel(handle: number): boolean {
    const pos = this.posOf(handle);
    if (pos < 0) return false;
    const slot = this.slotAtPos[pos];
    this.removeAt(pos);
    this.freeSlot(slot);
    return true;
  }

  /**
   * Moves a pending event to a new time. It takes a new sequence number, as if
   * cancelled and scheduled anew, so it queues behind events already due then.
   */
  reschedule(handle: number, time: number): boolean {
    const pos = this.posOf(handle);
    if (pos < 0) return false;
    this.time[pos] = time;
    const priorityPart = Math.floor(this.order[pos] / SEQ_SPAN) * SEQ_SPAN;
    this.order[pos] = priorityPart + this.nextSequence();
    this.siftDown(this.siftUp(pos));
    return true;
  }

  private nextSequence(): number {
    if (this.nextSeq >= SEQ_SPAN) throw new RangeError(`more than ${SEQ_SPAN} events scheduled in one queue`);
    return this.nextSeq++;
  }

  private posOf(handle: number): number {
    const slot = handle & SLOT_MASK;
    if (slot >= this.nextSlot) return -1;
    if (this.generation[slot] !== Math.floor(handle / SLOT_COUNT)) return -1;
    return this.posOfSlot[slot];
  }

  private allocSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop()!;
    const slot = this.nextSlot++;
    if (slot >= SLOT_COUNT) throw new RangeError(`more than ${SLOT_COUNT} events pending at once`);
    if (slot >= this.posOfSlot.length) {
      this.posOfSlot = grow(this.posOfSlot, -1) as Int32Array;
      this.generation = grow(this.generation, 0) as Float64Array;
      this.aux = grow(this.aux, 0) as Float64Array;
    }
    return slot;
  }

  private freeSlot(slot: number): void {
    this.posOfSlot[slot] = -1;
    this.generation[slot]++;
    this.fns[slot] = undefined; // let the closure and its data be collected
    this.datas[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private growHeap(): void {
    this.time = grow(this.time, 0) as Float64Array;
    this.order = grow(this.order, 0) as Float64Array;
    this.slotAtPos = grow(this.slotAtPos, 0) as Int32Array;
  }

  private removeAt(pos: number): void {
    const last = --this.n;
    if (pos !== last) {
      this.moveTo(last, pos);
      this.siftDown(this.siftUp(pos));
    }
  }

  /** True when the key (t, o) sorts before the event at heap position b. */
  private before(t: number, o: number, b: number): boolean {
    const tb = this.time[b];
    return t < tb || (t === tb && o < this.order[b]);
  }

  private moveTo(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.order[to] = this.order[from];
    const slot = this.slotAtPos[from];
    this.slotAtPos[to] = slot;
    this.posOfSlot[slot] = to;
  }

  private place(pos: number, t: number, o: number, slot: number): void {
    this.time[pos] = t;
    this.order[pos] = o;
    this.slotAtPos[pos] = slot;
    this.posOfSlot[slot] = pos;
  }

  // A 4-ary heap: half the levels of a binary one, and a node's four children
  // share a cache line, so a pop touches fewer lines (the heap is large: every
  // pending event that is not a TimerLine timeout). Both sifts move a hole
  // rather than swapping pairs: half the writes.
  private siftUp(pos: number): number {
    const t = this.time[pos], o = this.order[pos], slot = this.slotAtPos[pos];
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      if (!this.before(t, o, parent)) break;
      this.moveTo(parent, pos);
      pos = parent;
    }
    this.place(pos, t, o, slot);
    return pos;
  }

  private siftDown(pos: number): void {
    const n = this.n;
    const time = this.time, order = this.order;
    const t = time[pos], o = order[pos], slot = this.slotAtPos[pos];
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= n) break;
      // The least of up to four children.
      let child = first, tc = time[first], oc = order[first];
      const last = Math.min(first + 4, n);
      for (let c = first + 1; c < last; c++) {
        const tt = time[c];
        if (tt < tc || (tt === tc && order[c] < oc)) { child = c; tc = tt; oc = order[c]; }
      }
      if (!(tc < t || (tc === t && oc < o))) break;
      this.moveTo(child, pos);
      pos = child;
    }
    this.place(pos, t, o, slot);
  }
}

export function checkPriority(priority: number): void {
  if (!(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY && Number.isInteger(priority))) {
    throw new RangeError(`priority must be a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}, got ${priority}`);
  }
}

function grow(a: Float64Array | Int32Array, fill: number): Float64Array | Int32Array {
  const b = new (a.constructor as Float64ArrayConstructor | Int32ArrayConstructor)(a.length * 2);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
