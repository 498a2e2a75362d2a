import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tally, TimeWeighted } from '../../src/sim/statistics.js';
import { QuantileSketch } from '../../src/sim/quantile-sketch.js';
import { confidenceInterval } from '../../src/sim/confidence.js';
import { studentTQuantile, normalQuantile, normalCdf } from '../../src/sim/special.js';

describe('Tally', () => {
  it('Welford mean and variance agree with the two-pass formulas, even far from zero', () => {
    const t = new Tally();
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    xs.forEach((x) => t.add(x));
    expect(t.mean).toBe(1e9 + 10);
    expect(t.variance).toBeCloseTo(30, 6);
    expect(t.min).toBe(1e9 + 4);
    expect(t.max).toBe(1e9 + 16);
    expect(t.count).toBe(4);
  });

  it('an empty tally reports NaN, not zero', () => {
    const s = new Tally().summary();
    expect(s.count).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.p95).toBeNaN();
  });
});

describe('QuantileSketch', () => {
  it('every quantile is within the relative accuracy of the sample of that rank', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e7, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, q) => {
          const s = new QuantileSketch(0.01);
          xs.forEach((x) => s.add(x));
          const sorted = [...xs].sort((a, b) => a - b);
          const exact = sorted[Math.floor(q * (xs.length - 1))];
          expect(Math.abs(s.quantile(q) - exact)).toBeLessThanOrEqual(0.01 * Math.abs(exact) + 1e-9);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });

  it('p50/p95/p99 of 1..100000 within the default 0.1%', () => {
    const s = new QuantileSketch();
    for (let i = 1; i <= 100_000; i++) s.add(i);
    for (const [q, exact] of [[0.5, 50_000], [0.95, 95_000], [0.99, 99_000]]) {
      expect(Math.abs(s.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.001);
    }
  });

  it('merging two sketches equals one sketch of all values', () => {
    const a = new QuantileSketch(), b = new QuantileSketch(), all = new QuantileSketch();
    for (let i = 0; i < 1000; i++) { const x = (i * 37) % 501 - 20; (i % 2 ? a : b).add(x); all.add(x); }
    a.merge(b);
    for (const q of [0, 0.1, 0.5, 0.9, 1]) expect(a.quantile(q)).toBe(all.quantile(q));
  });
});

describe('TimeWeighted', () => {
  it('weights each value by how long it held (hand-computed)', () => {
    const tw = new TimeWeighted(0, 0);
    tw.set(2, 3); // 0 for [0,2)
    tw.set(5, 1); // 3 for [2,5)
    tw.set(10, 0); // 1 for [5,10)
    expect(tw.mean(10)).toBeCloseTo((0 * 2 + 3 * 3 + 1 * 5) / 10, 12);
    expect(tw.mean(20)).toBeCloseTo(14 / 20, 12);
    expect(tw.max).toBe(3);
    tw.reset(20);
    tw.set(25, 4);
    expect(tw.mean(30)).toBeCloseTo(2, 12);
  });
});

describe('confidence intervals', () => {
  it('Student-t quantiles match the published table', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });

  it('a 95% interval of known values', () => {
    const ci = confidenceInterval([10, 12, 14, 16, 18]);
    expect(ci.mean).toBe(14);
    expect(ci.sd).toBeCloseTo(Math.sqrt(10), 12);
    expect(ci.halfWidth).toBeCloseTo(2.776445 * Math.sqrt(10) / Math.sqrt(5), 5);
    expect(confidenceInterval([3]).halfWidth).toBeNaN();
  });
});
