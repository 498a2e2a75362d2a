/**
 * Kernel benchmarks at fixed sizes (same work on every run):
 * - hold model: N entities, each repeatedly waiting an exponential delay;
 * - M/M/c station: Poisson arrivals into c servers (c = 3, load 0.8);
 * - random generators: seedrandom's generators side by side.
 */
import seedrandom from 'seedrandom';
import { Simulation } from '../src/sim/simulation.js';
import { RandomStreams } from '../src/sim/random.js';
import { makeDistribution } from '../src/sim/distributions.js';
import { Resource } from '../src/sim/resource.js';
import { measure, type Measurement } from './measure.js';

export interface KernelResult extends Measurement {
  name: string;
  events: number;
  eventsPerSecond: number;
}

export function holdModel(entities: number, events: number): KernelResult {
  let processed = 0;
  const m = measure(() => {
    const sim = new Simulation({ start: '2026-01-01' });
    const rng = new RandomStreams(1).stream('hold');
    const delay = makeDistribution({ dist: 'exponential', mean: 60_000 });
    const hold = () => { sim.after(delay.sample(rng), hold); };
    for (let i = 0; i < entities; i++) sim.after(delay.sample(rng), hold);
    while (sim.eventsProcessed < events && sim.step());
    processed = sim.eventsProcessed;
  });
  return { name: `hold model, ${entities.toLocaleString('en-US')} entities`, events: processed, eventsPerSecond: processed / m.seconds, ...m };
}

export function mmcStation(customers: number): KernelResult {
  let processed = 0;
  const m = measure(() => {
    const sim = new Simulation();
    const streams = new RandomStreams(1);
    const ra = streams.stream('arrivals'), rs = streams.stream('service');
    const inter = makeDistribution({ dist: 'exponential', mean: 1000 / 2.4 });
    const service = makeDistribution({ dist: 'exponential', mean: 1000 });
    const station = new Resource(sim, 3, 'station');
    let left = customers;
    const done = () => station.release();
    const served = () => { sim.after(service.sample(rs), done); };
    const arrive = () => {
      station.request(served);
      if (--left > 0) sim.after(inter.sample(ra), arrive);
    };
    sim.at(0, arrive);
    sim.run();
    processed = sim.eventsProcessed;
  });
  return { name: `M/M/3 station, load 0.8, ${customers.toLocaleString('en-US')} customers`, events: processed, eventsPerSecond: processed / m.seconds, ...m };
}

export function generators(draws: number): { name: string; drawsPerSecond: number }[] {
  const kinds = ['alea', 'xor128', 'xorwow', 'xorshift7', 'xor4096', 'tychei'] as const;
  const out: { name: string; drawsPerSecond: number }[] = kinds.map((k) => {
    const prng = (seedrandom as any)[k]('bench') as () => number;
    let acc = 0;
    const m = measure(() => { for (let i = 0; i < draws; i++) acc += prng(); });
    if (acc < 0) console.log(acc); // keep the loop from being optimised away
    return { name: k, drawsPerSecond: draws / m.seconds };
  });
  const arc4 = seedrandom('bench');
  let acc = 0;
  const m = measure(() => { for (let i = 0; i < draws; i++) acc += arc4(); });
  if (acc < 0) console.log(acc);
  out.push({ name: 'arc4 (default)', drawsPerSecond: draws / m.seconds });
  return out;
}
