import { EventQueue } from './event-queue.js';
import type { Simulation } from './simulation.js';
import { Tally, TimeWeighted } from './statistics.js';

/** A waiting request: cancel it with Resource.withdraw. */
export type Request = number;

/**
 * A pool of `capacity` identical units (copy stations, operators). A request
 * is granted at once when a unit is free; otherwise it waits in a queue
 * ordered by priority (lower number first), then FIFO. Grants are
 * synchronous: the callback runs inside request() or inside the release()
 * that freed the unit, at the same simulated instant, so no extra event is
 * spent on a hand-over.
 *
 * Statistics: time-weighted busy units and queue length, and a tally of
 * waiting times (0 for immediate grants).
 */
export class Resource {
  readonly busyStats: TimeWeighted;
  readonly queueStats: TimeWeighted;
  readonly waitStats = new Tally();
  private readonly waiting = new EventQueue(64); // key: (priority, 0, seq)
  private inUse = 0;
  private grants = 0;

  constructor(private readonly sim: Simulation, readonly capacity: number, readonly name = 'resource') {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`${name}: capacity must be a whole number >= 1, got ${capacity}`);
    }
    this.busyStats = new TimeWeighted(sim.now);
    this.queueStats = new TimeWeighted(sim.now);
  }

  get busy(): number {
    return this.inUse;
  }

  get queueLength(): number {
    return this.waiting.size;
  }

  /** Units granted so far. */
  get granted(): number {
    return this.grants;
  }

  /**
   * Asks for one unit; `onGrant(data)` runs when it is granted. Returns a
   * handle that withdraw() accepts while the request still waits.
   */
  request<T>(onGrant: (data: T) => void, data?: T, priority = 0): Request {
    if (this.inUse < this.capacity) {
      this.grant(0, onGrant as (d: unknown) => void, data);
      return -1;
    }
    // The request time rides along as the event's aux number: no closure per waiting request.
    const handle = this.waiting.pushWithAux(priority, 0, onGrant as (d: unknown) => void, data, this.sim.now);
    this.queueStats.set(this.sim.now, this.waiting.size);
    return handle;
  }

  /** Removes a waiting request (e.g. its job was cancelled); false if it was already granted. */
  withdraw(request: Request): boolean {
    if (!this.waiting.cancel(request)) return false;
    this.queueStats.set(this.sim.now, this.waiting.size);
    return true;
  }

  /** Returns one unit, granting it to the next waiter if any. */
  release(): void {
    if (this.inUse <= 0) throw new Error(`${this.name}: release() without a unit in use`);
    this.inUse--;
    const w = this.waiting;
    if (w.pop()) {
      this.queueStats.set(this.sim.now, w.size);
      this.grant(this.sim.now - w.poppedAux, w.poppedFn!, w.poppedData);
    } else {
      this.busyStats.set(this.sim.now, this.inUse);
    }
  }

  private grant(waited: number, onGrant: (d: unknown) => void, data: unknown): void {
    this.inUse++;
    this.grants++;
    this.busyStats.set(this.sim.now, this.inUse);
    this.waitStats.add(waited);
    onGrant(data);
  }

  /** Mean busy units / capacity over [stats start, now]. */
  utilization(now = this.sim.now): number {
    return this.busyStats.mean(now) / this.capacity;
  }
}
