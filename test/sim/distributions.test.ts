import { describe, expect, it } from 'vitest';
import { makeDistribution, validateDistribution, DistributionError, type DistributionSpec } from '../../src/sim/distributions.js';
import { RandomStreams } from '../../src/sim/random.js';

const N = 100_000;

const cases: [string, DistributionSpec][] = [
  ['fixed', { dist: 'fixed', value: 3.5 }],
  ['uniform', { dist: 'uniform', min: 2, max: 5 }],
  ['exponential', { dist: 'exponential', mean: 4 }],
  ['normal', { dist: 'normal', mean: 10, sd: 2 }],
  ['normal truncated at 0', { dist: 'normal', mean: 1, sd: 2, min: 0 }],
  ['lognormal by mean and sd', { dist: 'lognormal', mean: 3, sd: 1.5 }],
  ['lognormal by median and p90', { dist: 'lognormal', median: 3, p90: 7 }],
  ['triangular', { dist: 'triangular', min: 1, mode: 2, max: 6 }],
  ['gamma', { dist: 'gamma', shape: 2.5, scale: 1.5 }],
  ['gamma with shape below 1', { dist: 'gamma', shape: 0.5, scale: 2 }],
  ['erlang', { dist: 'erlang', k: 3, mean: 6 }],
  ['weibull', { dist: 'weibull', shape: 1.5, scale: 2 }],
  ['bernoulli', { dist: 'bernoulli', p: 0.3 }],
  ['discrete', { dist: 'discrete', values: [1, 2, 10], weights: [5, 3, 2] }],
  ['empirical', { dist: 'empirical', samples: [1, 1, 2, 3, 5, 8] }],
];

describe('distributions match theory', () => {
  for (const [name, spec] of cases) {
    it(`${name}: sample mean and variance within 4 standard errors on 100,000 seeded draws`, () => {
      const d = makeDistribution(spec);
      const rng = new RandomStreams(2026).stream(name);
      const xs = new Float64Array(N);
      let mean = 0;
      for (let i = 0; i < N; i++) mean += xs[i] = d.sample(rng);
      mean /= N;
      let m2 = 0;
      for (const x of xs) m2 += (x - mean) ** 2;
      const variance = m2 / (N - 1);
      // SE of the sample variance from the sample's own spread of squared deviations.
      let v4 = 0;
      for (const x of xs) v4 += ((x - mean) ** 2 - variance) ** 2;
      const seVar = Math.sqrt(v4 / (N - 1) / N);
      const seMean = Math.sqrt(d.variance / N);
      if (d.variance === 0) {
        expect(variance).toBe(0);
        expect(mean).toBeCloseTo(d.mean, 12);
        return;
      }
      expect(Math.abs(mean - d.mean)).toBeLessThan(4 * seMean);
      expect(Math.abs(variance - d.variance)).toBeLessThan(4 * seVar);
    });
  }

  it('lognormal given median and p90 has that median and p90', () => {
    const d = makeDistribution({ dist: 'lognormal', median: 3, p90: 7 });
    const rng = new RandomStreams(5).stream('q');
    const xs = Array.from({ length: N }, () => d.sample(rng)).sort((a, b) => a - b);
    expect(xs[N / 2]).toBeGreaterThan(2.9);
    expect(xs[N / 2]).toBeLessThan(3.1);
    expect(xs[0.9 * N]).toBeGreaterThan(6.8);
    expect(xs[0.9 * N]).toBeLessThan(7.2);
  });

  it('a normal truncated at 0 never draws below 0', () => {
    const d = makeDistribution({ dist: 'normal', mean: 0.5, sd: 3, min: 0 });
    const rng = new RandomStreams(5).stream('t');
    for (let i = 0; i < 10_000; i++) expect(d.sample(rng)).toBeGreaterThanOrEqual(0);
  });
});

describe('invalid distribution parameters give a clear error', () => {
  const bad: [unknown, RegExp][] = [
    [{ dist: 'exponential', mean: -1 }, /mean: expected a number > 0, got -1/],
    [{ dist: 'exponential' }, /mean: expected a finite number > 0, got nothing/],
    [{ dist: 'uniform', min: 5, max: 2 }, /max: expected >= min \(5\), got 2/],
    [{ dist: 'poisson', mean: 1 }, /dist: expected one of fixed, uniform, .*empirical, got "poisson"/],
    [{ dist: 'lognormal', median: 5, p90: 3 }, /p90: expected > median \(5\), got 3/],
    [{ dist: 'triangular', min: 1, mode: 9, max: 5 }, /mode: expected min <= mode <= max/],
    [{ dist: 'bernoulli', p: 1.5 }, /p: expected a number in \[0, 1\], got 1.5/],
    [{ dist: 'discrete', values: [1, 2], weights: [1] }, /weights: expected 2 weights/],
    [{ dist: 'discrete', values: [1, 2], weights: [0, 0] }, /weights: expected a list of numbers >= 0 with a positive sum/],
    [{ dist: 'empirical', samples: [] }, /samples: expected a non-empty list/],
    [{ dist: 'erlang', k: 2.5, mean: 1 }, /k: expected a number that is a whole number >= 1, got 2.5/],
    [{ dist: 'gamma', shape: 0, scale: 1 }, /shape: expected a number > 0, got 0/],
    [{ dist: 'weibull', shape: 1, scale: 1, mean: 3 }, /mean: not a parameter of weibull \(expected shape, scale\)/],
    ['exponential', /expected an object/],
  ];
  for (const [spec, message] of bad) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      expect(validateDistribution(spec).join('; ')).toMatch(message);
      expect(() => makeDistribution(spec as DistributionSpec, 'customer.replyDelay')).toThrow(DistributionError);
      expect(() => makeDistribution(spec as DistributionSpec, 'customer.replyDelay')).toThrow(/^customer\.replyDelay: /);
    });
  }

  it('collects every problem at once', () => {
    expect(validateDistribution({ dist: 'triangular', min: 'a', mode: null })).toHaveLength(3);
  });
});
