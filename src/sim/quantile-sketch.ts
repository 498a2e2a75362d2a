/**
 * A streaming quantile sketch with a relative-error guarantee (the DDSketch
 * idea: Masson, Rim & Lee, VLDB 2019). Values fall in logarithmic buckets of
 * ratio γ = (1+α)/(1−α); a bucket is reported by the value 2γ^i/(γ+1), which
 * lies within α of every value in it. So for any q, quantile(q) is within
 * α·|x| of x, the sample of 0-based rank ⌊q·(n−1)⌋ in sorted order. With the
 * default α = 0.1%, a 10-day p95 is exact to about 15 minutes. Memory grows
 * with the log of the value range (about 1,150 buckets per factor of 10), never
 * with the number of values, so a million jobs cost what a thousand do.
 */
export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private pos = new Bucketed();
  private neg = new Bucketed();
  private zeros = 0;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(readonly relativeAccuracy = 0.001) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError(`relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
  }

  get count(): number {
    return this.n;
  }

  add(x: number): void {
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    if (x > 0) this.pos.add(Math.ceil(Math.log(x) / this.logGamma));
    else if (x < 0) this.neg.add(Math.ceil(Math.log(-x) / this.logGamma));
    else this.zeros++;
  }

  /** Adds every value of another sketch of the same accuracy. */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) throw new RangeError('cannot merge sketches of different accuracy');
    this.pos.merge(other.pos);
    this.neg.merge(other.neg);
    this.zeros += other.zeros;
    this.n += other.n;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
  }

  /** The q-quantile (0 <= q <= 1), or NaN when empty. */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile needs 0 <= q <= 1, got ${q}`);
    if (this.n === 0) return NaN;
    let rank = Math.floor(q * (this.n - 1));
    let v: number;
    const negCount = this.neg.total;
    if (rank < negCount) {
      // Negative values: largest magnitude first.
      v = -this.value(this.neg.indexAtRank(negCount - 1 - rank));
    } else if ((rank -= negCount) < this.zeros) {
      v = 0;
    } else {
      v = this.value(this.pos.indexAtRank(rank - this.zeros));
    }
    return Math.min(this.hi, Math.max(this.lo, v));
  }

  private value(index: number): number {
    return (2 * Math.pow(this.gamma, index)) / (this.gamma + 1);
  }
}

/** Counts per integer bucket index, in a dense array that grows both ways. */
class Bucketed {
  private counts = new Float64Array(0);
  private offset = 0; // bucket index of counts[0]
  total = 0;

  add(index: number, count = 1): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.offset = index - 32;
    }
    let i = index - this.offset;
    if (i < 0 || i >= this.counts.length) {
      const lo = Math.min(this.offset, index), hi = Math.max(this.offset + this.counts.length - 1, index);
      const size = Math.max(this.counts.length * 2, hi - lo + 1 + 64);
      const grown = new Float64Array(size);
      const newOffset = index < this.offset ? lo - (size - (hi - lo + 1)) : lo;
      grown.set(this.counts, this.offset - newOffset);
      this.counts = grown;
      this.offset = newOffset;
      i = index - this.offset;
    }
    this.counts[i] += count;
    this.total += count;
  }

  merge(other: Bucketed): void {
    for (let i = 0; i < other.counts.length; i++) if (other.counts[i] > 0) this.add(other.offset + i, other.counts[i]);
  }

  /** Bucket index holding the value of 0-based rank r (ascending). */
  indexAtRank(r: number): number {
    let acc = 0;
    for (let i = 0; i < this.counts.length; i++) {
      acc += this.counts[i];
      if (acc > r) return this.offset + i;
    }
    return this.offset + this.counts.length - 1;
  }
}
