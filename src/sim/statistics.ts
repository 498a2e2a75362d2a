import { QuantileSketch } from './quantile-sketch.js';

/**
 * Observations of one quantity (waiting times, turnarounds): count, mean and
 * variance by Welford's update (stable for millions of values), min, max, and
 * quantiles from a relative-error sketch (see QuantileSketch for the bound).
 */
export class Tally {
  private n = 0;
  // -0, not 0: a field's first value fixes its representation in V8, and a field that starts as a small
  // integer and later holds a fraction changes its object's map mid-run, which throws away the compiled
  // code of every function that relied on the old one (docs/performance.md, "Replications"). -0 is a
  // double, and adding to it gives the same sums as adding to 0.
  private m = -0;
  private m2 = -0;
  private lo = Infinity;
  private hi = -Infinity;
  private readonly sketch: QuantileSketch;

  constructor(relativeAccuracy = 0.001) {
    this.sketch = new QuantileSketch(relativeAccuracy);
  }

  add(x: number): void {
    this.n++;
    const d = x - this.m;
    this.m += d / this.n;
    this.m2 += d * (x - this.m);
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    this.sketch.add(x);
  }

  get count(): number { return this.n; }
  get mean(): number { return this.n > 0 ? this.m : NaN; }
  /** Sample variance (n − 1 in the denominator). */
  get variance(): number { return this.n > 1 ? this.m2 / (this.n - 1) : NaN; }
  get sd(): number { return Math.sqrt(this.variance); }
  get min(): number { return this.n > 0 ? this.lo : NaN; }
  get max(): number { return this.n > 0 ? this.hi : NaN; }
  get sum(): number { return this.n > 0 ? this.m * this.n : 0; }

  quantile(q: number): number {
    return this.sketch.quantile(q);
  }

  /** The summary every report prints. */
  summary(): TallySummary {
    return {
      count: this.n, mean: this.mean, sd: this.sd, min: this.min, max: this.max,
      p50: this.quantile(0.5), p90: this.quantile(0.9), p95: this.quantile(0.95), p99: this.quantile(0.99),
    };
  }
}

export interface TallySummary {
  count: number; mean: number; sd: number; min: number; max: number;
  p50: number; p90: number; p95: number; p99: number;
}

/**
 * A quantity that holds a value between changes (busy units, queue length,
 * jobs in a state): its average over time weights each value by how long it
 * held. reset() starts a new observation window (for a warm-up period).
 */
export class TimeWeighted {
  /** -0: a double from the start (see Tally.m). */
  private area = -0;
  private start: number;
  private lastTime: number;
  private current: number;
  private lo: number;
  private hi: number;

  constructor(startTime = 0, initial = 0) {
    this.start = this.lastTime = startTime;
    this.current = this.lo = this.hi = initial;
  }

  /** The value changes to `value` at `time` (times must not go back). */
  set(time: number, value: number): void {
    if (time < this.lastTime) throw new RangeError(`TimeWeighted.set at ${time} is before the last change at ${this.lastTime}`);
    this.area += this.current * (time - this.lastTime);
    this.lastTime = time;
    this.current = value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  add(time: number, delta: number): void {
    this.set(time, this.current + delta);
  }

  get value(): number { return this.current; }
  get min(): number { return this.lo; }
  get max(): number { return this.hi; }

  /** Time-average over [window start, now]; the current value when the window is empty. */
  mean(now: number): number {
    const span = now - this.start;
    if (span <= 0) return this.current;
    return (this.area + this.current * (now - this.lastTime)) / span;
  }

  /**
   * The integral of the value from the window start to `now`: the difference
   * of two readings is the area between them (for daily means, or a mean
   * after a warm-up, without resetting).
   */
  integral(now: number): number {
    return this.area + this.current * (now - this.lastTime);
  }

  /** Forgets everything before `time`; min and max restart from the current value. */
  reset(time: number): void {
    this.set(time, this.current);
    this.area = 0;
    this.start = time;
    this.lo = this.hi = this.current;
  }
}
