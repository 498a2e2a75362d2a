/**
 * A 4-ary min-heap of pending events, ordered by (time, priority, sequence
 * number): earlier time first; at equal times the lower priority number
 * first; at equal time and priority, the event scheduled first (FIFO). The
 * sequence number makes the order total, so a run never depends on heap
 * internals.
 *
 * Cancelling is lazy. Each event has a slot (its callback, data and key,
 * by slot number) and a heap entry (its key and slot, by heap position). A
 * cancel frees the slot at once and leaves the entry in the heap; a reschedule
 * gives the slot a new key and pushes a new entry. An entry whose key is no
 * longer its slot's is stale and is dropped when it reaches the top. Why:
 * an indexed heap must record every entry's position in its slot on every
 * move, a write to a random place in memory at each level of every sift,
 * which measured as the largest single cost of the model's event loop. Keys
 * are unique (the sequence number is), so a stale entry never matches the
 * key of a later event in the same slot. When stale entries outnumber live
 * ones the heap is rebuilt without them, so memory follows the live events.
 *
 * A handle is `generation * 2^24 + slot`: a slot is reused after its event
 * fires or is cancelled, and the generation makes an old handle harmless
 * instead of cancelling a stranger's event.
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
/** slotOrder of a slot with no pending event (orders are >= 0). */
const FREE = -1;

export class EventQueue {
  /** Heap entries by position: time and order side by side, so a node's four children are one or two cache lines. */
  private keys: Float64Array;
  private entrySlot: Int32Array;
  /** Heap entries, stale ones included. */
  private entries = 0;
  /** Pending events. */
  private live = 0;
  /** By slot: the order (priority and sequence, (priority + 2^19)·2^32 + seq) of its pending event, or FREE. */
  private slotOrder: Float64Array;
  private slotTime: Float64Array;
  private generation: Float64Array;
  private aux: Float64Array;
  private fns: (Callback | undefined)[] = [];
  private datas: unknown[] = [];
  private freeSlots: number[] = [];
  private nextSlot = 0;
  private nextSeq = 0;

  /** Filled by pop(): the event just taken off the queue. -0 before: a double from the start (see Tally.m in statistics.ts). */
  poppedTime = -0;
  poppedFn: Callback | undefined = undefined;
  poppedData: unknown = undefined;
  /** The popped event's number from pushWithAux() (0 otherwise; -0 before the first pop, as poppedTime). */
  poppedAux = -0;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.keys = new Float64Array(2 * c);
    this.entrySlot = new Int32Array(c);
    this.slotOrder = new Float64Array(c).fill(FREE);
    this.slotTime = new Float64Array(c);
    this.generation = new Float64Array(c);
    this.aux = new Float64Array(c);
  }

  get size(): number {
    return this.live;
  }

  /** Entries in the heap, stale ones included (for tests and diagnostics: memory follows this). */
  get heapEntries(): number {
    return this.entries;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    this.dropStaleTop();
    return this.entries > 0 ? this.keys[0] : Infinity;
  }

  push(time: number, priority: number, fn: Callback, data?: unknown): number {
    checkPriority(priority);
    return this.pushAt(time, priority, this.nextSequence(), fn, data, 0);
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
    return this.pushAt(time, priority, seq, fn, data, 0);
  }

  private pushAt(time: number, priority: number, seq: number, fn: Callback, data: unknown, aux: number): number {
    const slot = this.allocSlot();
    const order = (priority + PRIORITY_BIAS) * SEQ_SPAN + seq;
    this.fns[slot] = fn;
    this.datas[slot] = data;
    this.aux[slot] = aux;
    this.slotOrder[slot] = order;
    this.slotTime[slot] = time;
    this.live++;
    this.addEntry(time, order, slot);
    return this.generation[slot] * SLOT_COUNT + slot;
  }

  /** Removes the first event into popped*; false when empty. */
  pop(): boolean {
    for (;;) {
      if (this.entries === 0) return false;
      const slot = this.entrySlot[0];
      const stale = this.slotOrder[slot] !== this.keys[1];
      this.removeTop();
      if (stale) continue;
      this.poppedTime = this.slotTime[slot];
      this.poppedFn = this.fns[slot];
      this.poppedData = this.datas[slot];
      this.poppedAux = this.aux[slot];
      this.freeSlot(slot);
      return true;
    }
  }

  isPending(handle: number): boolean {
    return this.slotOf(handle) >= 0;
  }

  /** Scheduled time of a pending event, or NaN. */
  timeOf(handle: number): number {
    const slot = this.slotOf(handle);
    return slot >= 0 ? this.slotTime[slot] : NaN;
  }

  cancel(handle: number): boolean {
    const slot = this.slotOf(handle);
    if (slot < 0) return false;
    this.freeSlot(slot); // its heap entry is now stale
    if (this.entries > 2 * this.live + 1024) this.rebuild();
    return true;
  }

  /**
   * Moves a pending event to a new time. It takes a new sequence number, as if
   * cancelled and scheduled anew, so it queues behind events already due then.
   */
  reschedule(handle: number, time: number): boolean {
    const slot = this.slotOf(handle);
    if (slot < 0) return false;
    const priorityPart = Math.floor(this.slotOrder[slot] / SEQ_SPAN) * SEQ_SPAN;
    const order = priorityPart + this.nextSequence();
    this.slotOrder[slot] = order;
    this.slotTime[slot] = time;
    this.addEntry(time, order, slot); // the old entry is now stale
    if (this.entries > 2 * this.live + 1024) this.rebuild();
    return true;
  }

  private nextSequence(): number {
    if (this.nextSeq >= SEQ_SPAN) throw new RangeError(`more than ${SEQ_SPAN} events scheduled in one queue`);
    return this.nextSeq++;
  }

  /** The slot of a pending event's handle, or -1. */
  private slotOf(handle: number): number {
    const slot = handle & SLOT_MASK;
    if (slot >= this.nextSlot) return -1;
    if (this.generation[slot] !== Math.floor(handle / SLOT_COUNT) || this.slotOrder[slot] === FREE) return -1;
    return slot;
  }

  private allocSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop()!;
    const slot = this.nextSlot++;
    if (slot >= SLOT_COUNT) throw new RangeError(`more than ${SLOT_COUNT} events pending at once`);
    if (slot >= this.slotOrder.length) {
      this.slotOrder = grow(this.slotOrder, FREE);
      this.slotTime = grow(this.slotTime, 0);
      this.generation = grow(this.generation, 0);
      this.aux = grow(this.aux, 0);
    }
    return slot;
  }

  private freeSlot(slot: number): void {
    this.slotOrder[slot] = FREE;
    this.generation[slot]++;
    this.fns[slot] = undefined; // let the closure and its data be collected
    this.datas[slot] = undefined;
    this.freeSlots.push(slot);
    this.live--;
  }

  private dropStaleTop(): void {
    while (this.entries > 0 && this.slotOrder[this.entrySlot[0]] !== this.keys[1]) this.removeTop();
  }

  /** Drops every stale entry and restores the heap (Floyd's bottom-up heapify, O(n)). */
  private rebuild(): void {
    const keys = this.keys, entrySlot = this.entrySlot, slotOrder = this.slotOrder;
    let n = 0;
    for (let i = 0; i < this.entries; i++) {
      const slot = entrySlot[i];
      if (slotOrder[slot] !== keys[2 * i + 1]) continue;
      keys[2 * n] = keys[2 * i];
      keys[2 * n + 1] = keys[2 * i + 1];
      entrySlot[n++] = slot;
    }
    this.entries = n;
    for (let i = (n - 2) >> 2; i >= 0; i--) this.siftDown(i, keys[2 * i], keys[2 * i + 1], entrySlot[i]);
  }

  private addEntry(time: number, order: number, slot: number): void {
    const pos = this.entries++;
    if (pos >= this.entrySlot.length) {
      this.keys = grow(this.keys, 0);
      this.entrySlot = grow(this.entrySlot, 0);
    }
    this.siftUp(pos, time, order, slot);
  }

  private removeTop(): void {
    const last = --this.entries;
    if (last > 0) this.siftDown(0, this.keys[2 * last], this.keys[2 * last + 1], this.entrySlot[last]);
  }

  // Both sifts move a hole rather than swapping pairs: half the writes.
  // A 4-ary heap has half the levels of a binary one.
  private siftUp(pos: number, t: number, o: number, slot: number): void {
    const keys = this.keys, entrySlot = this.entrySlot;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const tp = keys[2 * parent];
      if (!(t < tp || (t === tp && o < keys[2 * parent + 1]))) break;
      keys[2 * pos] = tp;
      keys[2 * pos + 1] = keys[2 * parent + 1];
      entrySlot[pos] = entrySlot[parent];
      pos = parent;
    }
    keys[2 * pos] = t;
    keys[2 * pos + 1] = o;
    entrySlot[pos] = slot;
  }

  /** Places the entry (t, o, slot) at `pos` or below, filling the hole at `pos`. */
  private siftDown(pos: number, t: number, o: number, slot: number): void {
    const n = this.entries;
    const keys = this.keys, entrySlot = this.entrySlot;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= n) break;
      // The least of up to four children.
      let child = first, tc = keys[2 * first], oc = keys[2 * first + 1];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const tt = keys[2 * c];
        if (tt < tc || (tt === tc && keys[2 * c + 1] < oc)) { child = c; tc = tt; oc = keys[2 * c + 1]; }
      }
      if (!(tc < t || (tc === t && oc < o))) break;
      keys[2 * pos] = tc;
      keys[2 * pos + 1] = oc;
      entrySlot[pos] = entrySlot[child];
      pos = child;
    }
    keys[2 * pos] = t;
    keys[2 * pos + 1] = o;
    entrySlot[pos] = slot;
  }
}

export function checkPriority(priority: number): void {
  if (!(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY && Number.isInteger(priority))) {
    throw new RangeError(`priority must be a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}, got ${priority}`);
  }
}

function grow<T extends Float64Array | Int32Array>(a: T, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
