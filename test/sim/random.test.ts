import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/sim/random.js';

const draws = (streams: RandomStreams, name: string, n = 1000) => Array.from({ length: n }, () => streams.stream(name).next());

describe('named random streams', () => {
  it('adding a stream leaves another stream\'s draws identical', () => {
    const alone = new RandomStreams(7);
    const arrivals = draws(alone, 'arrivals');
    const crowded = new RandomStreams(7);
    const interleaved: number[] = [];
    for (let i = 0; i < 1000; i++) {
      crowded.stream('carrier').next();
      crowded.stream('a-new-stream').next();
      interleaved.push(crowded.stream('arrivals').next());
    }
    expect(interleaved).toEqual(arrivals);
  });

  it('the same seed, replication and name reproduce the draws; any other changes them', () => {
    const a = draws(new RandomStreams('s', 0), 'x');
    expect(draws(new RandomStreams('s', 0), 'x')).toEqual(a);
    expect(draws(new RandomStreams('s', 1), 'x')).not.toEqual(a);
    expect(draws(new RandomStreams('t', 0), 'x')).not.toEqual(a);
    expect(draws(new RandomStreams('s', 0), 'y')).not.toEqual(a);
  });

  it('draws are uniform in [0, 1) and streams with similar names are uncorrelated', () => {
    const s = new RandomStreams(1);
    const n = 100_000;
    let sum = 0, prod = 0;
    const bins = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = s.stream('a1').next(), v = s.stream('a2').next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      prod += (u - 0.5) * (v - 0.5);
      bins[Math.floor(u * 10)]++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    // correlation of independent uniforms: sd of the mean product is (1/12)/sqrt(n)
    expect(Math.abs(prod / n)).toBeLessThan(4 * (1 / 12) / Math.sqrt(n));
    // chi-square with 9 degrees of freedom: 99.99th percentile is about 33.7
    const chi = bins.reduce((a, b) => a + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(33.7);
  });
});
