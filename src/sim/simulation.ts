import { EventQueue, type Callback } from './event-queue.js';
import { IsoFormatter, parseInstant } from './time.js';
import { MAX_LINES, TimerLine } from './timer-line.js';

export type { Callback } from './event-queue.js';

/** A handle to a scheduled event (>= 0) or a TimerLine's timer (<= -2): cancel it through the Simulation. */
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
  /** -0 until the first event: a double from the start (see Tally.m in statistics.ts); -0 + t is t. */
  private clock = -0;
  private processed = 0;
  private stopRequested = false;
  private readonly lines: TimerLine<any>[] = [];

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
    let n = this.queue.size;
    for (const l of this.lines) if (l.size > 0) n += l.size - 1; // a line's head is in the queue
    return n;
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

  /**
   * A line of timers that each run `fn(data)` `delay` ms after they start
   * (see TimerLine): for timeouts many entities start the same way.
   */
  line<T>(delay: number, fn: (data: T) => void, priority = 0): TimerLine<T> {
    if (!(delay >= 0) || delay === Infinity) throw new RangeError(`a delay must be a finite number of ms >= 0, got ${delay}`);
    if (this.lines.length >= MAX_LINES) throw new RangeError(`at most ${MAX_LINES} timer lines per simulation`);
    const line = new TimerLine<T>(this.queue, this, this.lines.length, delay, priority, fn);
    this.lines.push(line);
    return line;
  }

  /** Cancels a pending event or line timer; false if it already ran or was cancelled. */
  cancel(timer: Timer): boolean {
    if (timer >= 0) return this.queue.cancel(timer);
    return timer <= -2 ? this.lines[TimerLine.lineOf(timer)].cancel(timer) : false;
  }

  /**
   * Moves a pending event to absolute time `time`, so it does not run at its
   * old time (a reset timeout). False if it already ran or was cancelled.
   */
  reschedule(timer: Timer, time: number): boolean {
    if (timer < 0) throw new RangeError('a line timer cannot be rescheduled: restart it on its line');
    const t = Math.round(time);
    if (!(t >= this.clock)) throw new RangeError(`cannot reschedule to ${time} ms: the clock is at ${this.clock} ms`);
    return this.queue.reschedule(timer, t);
  }

  /** Restarts a pending line timer (TimerLine.restart); returns its new handle. */
  restart(timer: Timer): Timer {
    if (!(timer <= -2)) throw new RangeError('restart: not a line timer');
    return this.lines[TimerLine.lineOf(timer)].restart(timer);
  }

  isPending(timer: Timer): boolean {
    if (timer >= 0) return this.queue.isPending(timer);
    return timer <= -2 && this.lines[TimerLine.lineOf(timer)].isPending(timer);
  }

  /** When a pending timer will run (ms since start), or NaN. */
  dueTime(timer: Timer): number {
    if (timer >= 0) return this.queue.timeOf(timer);
    return timer <= -2 ? this.lines[TimerLine.lineOf(timer)].dueTime(timer) : NaN;
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
