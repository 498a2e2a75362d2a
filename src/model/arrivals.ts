/**
 * New jobs: a non-homogeneous Poisson process (base rate × weekday × month ×
 * peak-window multipliers), sampled by thinning (Lewis & Shedler): candidates
 * at the maximum rate, each kept with probability rate(t)/max. Or replayed
 * from a trace of real job creations. Also packages of no job at all.
 */
import { DAY, parseInstant } from '../sim/time.js';
import { Package } from './entities.js';
import type { World } from './world.js';
import { putJob } from './put.js';
import { newDrive } from './put.js';
import { deliver } from './dock.js';

/** One job of an arrival trace (time in ms since the start). */
export interface TraceJob {
  time: number;
  type: 'import' | 'export';
  drives: number;
  bytes?: number;
}

/** Whether a trace's job falls in the run, [start, horizon): the others are not simulated (the CLI warns of them). */
export const inRun = (t: TraceJob, horizon: number): boolean => t.time >= 0 && t.time < horizon;

export function startArrivals(w: World, trace?: TraceJob[]): void {
  if (trace) {
    for (const t of trace) {
      if (inRun(t, w.horizon)) w.sim.at(t.time, onTraceJob, { w, t });
    }
  } else {
    const rate = new ArrivalRate(w);
    const first = nextCandidate(w, rate.max);
    if (first < w.horizon) w.sim.at(first, onCandidate, { w, rate });
  }
  const perDay = w.scenario.carrier.noJobPackagesPerDay;
  // A rate so small that the first package would come after the horizon (or never) schedules nothing.
  const firstPackage = perDay > 0 ? -Math.log(1 - w.streams.noJob.next()) * (DAY / perDay) : Infinity;
  if (firstPackage < w.horizon) w.sim.at(firstPackage, onNoJobPackage, w);
}

/**
 * The arrival rate per day at a simulation time, and its upper bound for
 * thinning. A class, not a closure: a closure per run is a new call target,
 * and the second run in a thread threw away the compiled candidate handler
 * (docs/performance.md, "Replications").
 */
export class ArrivalRate {
  readonly max: number;
  private readonly a: World['scenario']['arrivals'];
  private readonly startMs: number;
  private readonly peaks: { from: number; to: number; m: number }[];
  // The weekday × month rate is the same all day: computed once per UTC day (a Date per candidate was
  // most of this actor's allocation).
  private day = NaN;
  private dayRate = NaN;

  constructor(w: World) {
    const a = (this.a = w.scenario.arrivals);
    const startMs = (this.startMs = w.sim.startMs);
    this.peaks = a.peaks.map((p) => ({ from: parseInstant(p.from) - startMs, to: parseInstant(p.to) - startMs, m: p.multiplier }));
    this.max = a.ratePerDay * Math.max(...a.weekdayMultipliers) * Math.max(...a.monthMultipliers) * this.peaks.reduce((x, p) => x * Math.max(1, p.m), 1);
  }

  at(t: number): number {
    const epoch = this.startMs + t;
    const today = Math.floor(epoch / DAY);
    if (today !== this.day) {
      const d = new Date(epoch), a = this.a;
      this.day = today;
      this.dayRate = a.ratePerDay * a.weekdayMultipliers[d.getUTCDay()] * a.monthMultipliers[d.getUTCMonth()];
    }
    let r = this.dayRate;
    for (const p of this.peaks) if (t >= p.from && t < p.to) r *= p.m;
    return r;
  }
}

function nextCandidate(w: World, maxPerDay: number): number {
  return maxPerDay > 0 ? -Math.log(1 - w.streams.arrivals.next()) * (DAY / maxPerDay) : Infinity;
}

function onCandidate(x: { w: World; rate: ArrivalRate }): void {
  const { w, rate } = x;
  if (w.streams.arrivals.next() * rate.max < rate.at(w.sim.now)) newJob(w);
  const next = w.sim.now + nextCandidate(w, rate.max);
  if (next < w.horizon) w.sim.at(next, onCandidate, x);
}

function newJob(w: World): void {
  const a = w.scenario.arrivals, r = w.streams.arrivals;
  const exportJob = w.chance(a.exportFraction, r);
  const importDrives = Math.min(a.maxImportDrives, Math.max(1, Math.round(w.samplers.importDrives.sample(r))));
  const exportDrives = Math.max(1, Math.round(w.samplers.exportDrives.sample(r)));
  putJob(w, exportJob ? { type: 'export', drives: exportDrives } : { type: 'import', drives: importDrives });
}

function onTraceJob({ w, t }: { w: World; t: TraceJob }): void {
  const drives = t.type === 'import' ? Math.min(w.scenario.arrivals.maxImportDrives, t.drives) : t.drives;
  putJob(w, { type: t.type, drives, bytes: t.bytes === undefined ? undefined : new Array(drives).fill(t.bytes) });
}

/** R-EARLY-ARRIVAL (Undefined): a package for no job record at all, one or two drives. */
function onNoJobPackage(w: World): void {
  const n = w.streams.noJob.next() < 0.7 ? 1 : 2;
  const drives = Array.from({ length: n }, () => {
    const d = newDrive(w, w.nextNoJob++, null, null, 'undefined', 0);
    return d;
  });
  const pkg = new Package(w.nextPackage++, null, drives, true);
  deliver(w, pkg);
  const next = w.sim.now - Math.log(1 - w.streams.noJob.next()) * (DAY / w.scenario.carrier.noJobPackagesPerDay);
  if (next < w.horizon) w.sim.at(next, onNoJobPackage, w);
}
