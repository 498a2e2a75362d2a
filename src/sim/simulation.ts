import { EventQueue, type Callback } from './event-queue.js';
import { IsoFormatter, parseInstant } from './time.js';

export type { Callback } from './event-queue.js';

/** A handle to a scheduled event: cancel or reschedule it through the Simulation. */
export type Timer = number;

export interface SimulationOptions {
  /** Calendar start: an ISO 8601 instant or epoch milliseconds. Time 0 is this instant. */
  start?: string | number;
}

/**
 * The clock and the event loop. Time is integer milliseconds since `start`.
 * Events run in (time, priority, sequence) order: see EventQueue. A callback
 * runs with the clock set to its time and may schedule, cancel or reschedule
 * any event, including at the current instant (it then runs after every event
 * already due at that instant with the same or lower priority number).
 */
export class Simulation {
  readonly startMs: number;
  private readonly queue = new EventQueue();
  private readonly iso = new IsoFormatter();
  private clock = 0;
  private processed = 0;
  private stopRequested = false;

  constructor(options: SimulationOptions = {}) {
    const start = options.start ?? 0;
    this.startMs = typeof start === 'number' ? start : parseInstant(start);
  }

  /** Current simulated time, ms since start. */
  get now(): number {
    return this.clock;
  }

  /** Events run so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events waiting in the queue. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `fn(data)` at absolute time `time` (ms since start, rounded to whole ms). */
  at<T>(time: number, fn: (data: T) => void, data?: T, priority = 0): Timer {
    const t = Math.round(time);
    if (!(t >= this.clock)) {
      throw new RangeError(`cannot schedule at ${time} ms: the clock is already at ${this.clock} ms`);
    }
    return this.queue.push(t, priority, fn as Callback, data);
  }

  /** Schedules `fn(data)` after `delay` ms (rounded to whole ms; must be >= 0). */
  after<T>(delay: number, fn: (data: T) => void, data?: T, priority = 0): Timer {
    if (!(delay >= 0) || delay === Infinity) {
      throw new RangeError(`a delay must be a finite number of ms >= 0, got ${delay}`);
    }
    return this.queue.push(this.clock + Math.round(delay), priority, fn as Callback, data);
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(timer: Timer): boolean {
    return this.queue.cancel(timer);
  }

  /**
   * Moves a pending event to absolute time `time`, so it does not run at its
   * old time (a reset timeout). False if it already ran or was cancelled.
   */
  reschedule(timer: Timer, time: number): boolean {
    const t = Math.round(time);
    if (!(t >= this.clock)) throw new RangeError(`cannot reschedule to ${time} ms: the clock is at ${this.clock} ms`);
    return this.queue.reschedule(timer, t);
  }

  isPending(timer: Timer): boolean {
    return this.queue.isPending(timer);
  }

  /** When a pending timer will run (ms since start), or NaN. */
  dueTime(timer: Timer): number {
    return this.queue.timeOf(timer);
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** Runs the next event; false when the queue is empty. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.clock = q.poppedTime;
    this.processed++;
    q.poppedFn!(q.poppedData);
    return true;
  }

  /**
   * Runs events due at or before `until` (default: until the queue is empty or
   * stop() is called), then sets the clock to `until` when it is finite.
   * Returns the number of events run.
   */
  run(until = Infinity): number {
    const q = this.queue;
    const before = this.processed;
    this.stopRequested = false;
    while (!this.stopRequested && q.size > 0 && q.peekTime() <= until) {
      q.pop();
      this.clock = q.poppedTime;
      this.processed++;
      q.poppedFn!(q.poppedData);
    }
    if (!this.stopRequested && until !== Infinity && until > this.clock) this.clock = until;
    return this.processed - before;
  }

  /** Makes run() return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Epoch ms of a simulated time. */
  epoch(time = this.clock): number {
    return this.startMs + time;
  }

  /** ISO 8601 UTC with milliseconds of a simulated time. */
  isoTime(time = this.clock): string {
    return this.iso.format(this.startMs + time);
  }
}
