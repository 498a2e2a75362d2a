/**
 * The memory floor of the bench scenario's workload: what any layout of the
 * model's state pays at 100k–1M jobs on this machine, before the model does
 * any work of its own. `npm run bench:floor -- [days] [record bytes] [jobs a day] [events a job]`
 * (defaults 36.5, 256, 2775, 8: the bench's 100k-job run; 365 days is its 1M run).
 *
 * A skeleton with the bench's shape and nothing else: jobs arrive at 2,775 a
 * day (Poisson; bench.yaml's 3,500 thinned by its weekly pattern gives
 * ~101k jobs in 36.5 days), each lives through eight events about a day
 * apart (lognormal delays, median 1 d, p90 3 d), then 90 days of
 * retention and a last event: 8.2 events a job at 36.5 days and 10.5 at
 * 365 (bench.yaml: 7.5 and 10.6), every job open at 36.5 days, ~287k at
 * the peak of 365 (bench.yaml: 91k, 240k; its retained jobs are smaller).
 * A job's whole state is one record of `record bytes` (default 256: a job
 * and its drives packed together, a third of today's ~900) in one
 * Float64Array, its slot reused after the last event, and the event carries
 * the slot number (no object per job or event). Each event reads six
 * numbers and writes three across the record, draws one delay and
 * schedules the next: the real kernel (src/sim), the real random streams.
 * What it measures is the cost of reaching a random job's record among
 * ~100k–290k, the kernel's heap included; the model's own logic comes on top.
 *
 * `npm run bench:floor -- <days> <layout>` with a layout of floor-layouts.ts
 * (`objects`, `objects-inline`, `drive-rows`, `job-objects`) in place of the
 * record size: the same events on the model's layout and on steps between
 * it and one record, to tell what each part of the model's layout costs.
 */
import { performance } from 'node:perf_hooks';
import { Simulation } from '../src/sim/simulation.js';
import { RandomStreams } from '../src/sim/random.js';
import { makeDistribution } from '../src/sim/distributions.js';
import { MODEL_LAYOUTS, modelLayout, type ModelLayout } from './floor-layouts.js';
import { RowTable } from './row-table.js';

const DAY = 86_400_000;
const days = Number(process.argv[2] ?? 36.5);
const layout = MODEL_LAYOUTS.find((l) => l === process.argv[3]) ?? 'record';
const recordBytes = layout === 'record' ? Number(process.argv[3] ?? 256) : 0;
const stride = Math.max(8, recordBytes / 8);
const perDay = Number(process.argv[4] ?? 2775);
const ACTIVE_EVENTS = Number(process.argv[5] ?? 8);

const sim = new Simulation({ start: '2026-01-01' });
const rs = new RandomStreams(1);
const rArr = rs.stream('arrivals'), rLife = rs.stream('life');
const interarrival = makeDistribution({ dist: 'exponential', mean: DAY / perDay });
const step = makeDistribution({ dist: 'lognormal', median: DAY, p90: 3 * DAY });

const table = new RowTable(stride);
// `sum` keeps the reads: a value nothing uses could be left out by the compiler.
let open = 0, peakOpen = 0, jobs = 0, sum = 0;

function onEvent(slot: number): void {
  const rec = table.rows, b = slot * stride, now = sim.now;
  // Six reads and three writes spread over the record, as a handler reads a job's and its drives' numbers.
  const n = rec[b];
  sum += rec[b + 1] + rec[b + (5 % stride)] + rec[b + (9 % stride)] + rec[b + (14 % stride)] + rec[b + (stride - 1)];
  rec[b] = n + 1;
  rec[b + 2] = now;
  rec[b + (stride >> 1)] = now - rec[b + 1];
  if (n < ACTIVE_EVENTS) sim.at(now + step.sample(rLife), onEvent, slot);
  else if (n === ACTIVE_EVENTS) sim.at(now + 90 * DAY, onEvent, slot);
  else {
    table.free(slot);
    open--;
  }
}

function onArrival(): void {
  const slot = table.take();
  const rec = table.rows, b = slot * stride;
  rec.fill(0, b, b + stride);
  rec[b + 1] = sim.now;
  jobs++;
  if (++open > peakOpen) peakOpen = open;
  sim.at(sim.now + step.sample(rLife), onEvent, slot);
  sim.at(sim.now + interarrival.sample(rArr), onArrival);
}

const start = layout === 'record' ? onArrival : modelLayout(layout as ModelLayout, {
  sim,
  step: () => step.sample(rLife),
  interarrival: () => interarrival.sample(rArr),
  activeEvents: ACTIVE_EVENTS,
  arrived: () => {
    if (++open > peakOpen) peakOpen = open;
    return jobs++;
  },
  closed: () => open--,
  use: (x) => (sum += x),
});

const t0 = performance.now();
sim.at(0, start);
sim.run(days * DAY);
const sec = (performance.now() - t0) / 1000;
const events = sim.eventsProcessed;
console.log(JSON.stringify({
  days, layout, recordBytes: layout === 'record' ? stride * 8 : undefined, jobs, events, seconds: +sec.toFixed(3), nsPerEvent: +(sec * 1e9 / events).toFixed(0),
  jobsPerSecond: Math.round(jobs / sec), eventsPerJob: +(events / jobs).toFixed(2), peakOpen, sum: sum % 1e6,
}));
