import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/simulation.js';
import { Resource } from '../../src/sim/resource.js';
import { RandomStreams } from '../../src/sim/random.js';
import { makeDistribution } from '../../src/sim/distributions.js';
import { confidenceInterval } from '../../src/sim/confidence.js';
import { TimeWeighted } from '../../src/sim/statistics.js';

describe('Resource', () => {
  it('utilization and mean queue length on a hand-computed case', () => {
    // capacity 1; jobs arrive at 0, 1, 2, each holding 4: they run [0,4), [4,8), [8,12).
    const sim = new Simulation();
    const r = new Resource(sim, 1);
    const starts: number[] = [];
    for (const t of [0, 1, 2]) sim.at(t, () => r.request(() => { starts.push(sim.now); sim.after(4, () => r.release()); }));
    sim.run(16);
    expect(starts).toEqual([0, 4, 8]);
    expect(r.utilization()).toBeCloseTo(12 / 16, 12);
    // queue: 1 on [1,2), 2 on [2,4), 1 on [4,8), 0 after: area 1 + 4 + 4 = 9
    expect(r.queueStats.mean(16)).toBeCloseTo(9 / 16, 12);
    expect(r.waitStats.mean).toBeCloseTo((0 + 3 + 6) / 3, 12);
  });

  it('serves waiters by priority, then FIFO, and a withdrawn request is never granted', () => {
    const sim = new Simulation();
    const r = new Resource(sim, 1);
    const order: string[] = [];
    r.request(() => order.push('holder'));
    r.request(() => order.push('low'), undefined, 5);
    const gone = r.request(() => order.push('withdrawn'), undefined, 0);
    r.request(() => order.push('high-1'), undefined, 0);
    r.request(() => order.push('high-2'), undefined, 0);
    expect(r.withdraw(gone)).toBe(true);
    for (let i = 0; i < 4; i++) r.release();
    expect(order).toEqual(['holder', 'high-1', 'high-2', 'low']);
  });

  it('rejects capacity 0 and a release without a unit', () => {
    const sim = new Simulation();
    expect(() => new Resource(sim, 0, 'copyStations')).toThrow(/copyStations: capacity must be a whole number >= 1, got 0/);
    expect(() => new Resource(sim, 1).release()).toThrow(/release\(\) without a unit/);
  });
});

/** Runs an M/M/c station and returns mean wait, mean sojourn, time-average number in system, arrival rate. */
function mmc(c: number, lambda: number, mu: number, customers: number, replication: number) {
  const sim = new Simulation();
  const streams = new RandomStreams('mmc', replication);
  const inter = makeDistribution({ dist: 'exponential', mean: 1 / lambda });
  const service = makeDistribution({ dist: 'exponential', mean: 1 / mu });
  const station = new Resource(sim, c);
  const inSystem = new TimeWeighted(0, 0);
  const warmup = customers / 10;
  let arrived = 0, sojournSum = 0, measured = 0;
  // ms resolution: use 1 unit = 1000 ms so rounding to whole ms is negligible.
  const U = 1000;
  const arrive = () => {
    const n = arrived++;
    const t0 = sim.now;
    inSystem.add(sim.now, 1);
    station.request(() => {
      sim.after(service.sample(streams.stream('service')) * U, () => {
        station.release();
        inSystem.add(sim.now, -1);
        if (n >= warmup) { sojournSum += sim.now - t0; measured++; }
      });
    });
    if (arrived < customers) sim.after(inter.sample(streams.stream('arrivals')) * U, arrive);
  };
  sim.at(0, arrive);
  // Reset statistics at the warm-up customer so the empty start does not bias them.
  sim.run();
  const wait = station.waitStats.mean / U;
  return { wait, sojourn: sojournSum / measured / U, L: inSystem.mean(sim.now), lambdaObs: arrived / (sim.now / U) };
}

function erlangC(c: number, lambda: number, mu: number) {
  const a = lambda / mu, rho = a / c;
  let sum = 0, term = 1;
  for (let k = 0; k < c; k++) { if (k > 0) term *= a / k; sum += term; }
  const last = term * (a / c) / (1 - rho);
  const pWait = last / (sum + last);
  return { pWait, wq: pWait / (c * mu - lambda) };
}

describe('queueing theory', () => {
  for (const [c, lambda, mu] of [[1, 0.8, 1], [3, 2.4, 1]] as const) {
    it(`M/M/${c} at load 0.8: mean wait matches Erlang C and Little's law holds, within a 99% CI over 10 replications`, () => {
      const reps = Array.from({ length: 10 }, (_, r) => mmc(c, lambda, mu, 40_000, r));
      const theory = erlangC(c, lambda, mu);
      const waitCi = confidenceInterval(reps.map((r) => r.wait), 0.99);
      expect(Math.abs(waitCi.mean - theory.wq)).toBeLessThan(waitCi.halfWidth);
      // Little: L = lambda * W, per replication, on the same run
      const little = confidenceInterval(reps.map((r) => r.L - r.lambdaObs * r.sojourn), 0.99);
      expect(Math.abs(little.mean)).toBeLessThan(Math.max(little.halfWidth, 0.05));
      const wTheory = theory.wq + 1 / mu;
      const sojournCi = confidenceInterval(reps.map((r) => r.sojourn), 0.99);
      expect(Math.abs(sojournCi.mean - wTheory)).toBeLessThan(sojournCi.halfWidth);
    });
  }
});
