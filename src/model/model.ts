/**
 * One simulation run of the lifecycle model: pure given a scenario, a seed
 * and a replication index. It hands rows and records to a sink and never
 * touches files, the terminal or the wall clock. Run it whole with
 * runModel(), or in slices with advance() so a writer can apply
 * backpressure between slices.
 */
import type { Scenario } from '../scenarios/schema.js';
import type { Drive, Job } from './entities.js';
import type { ModelSink, TimelineMode } from './sink.js';
import { World } from './world.js';
import { startArrivals, type TraceJob } from './arrivals.js';
import { startDailySamples } from './daily.js';
import { buildSummary, readIntegrals, type RunSummary, type WarmupIntegrals } from './summary.js';
import { releaseDrive } from './release.js';

export interface ModelOptions {
  replication?: number;
  timeline?: TimelineMode;
  /** Jobs from an arrival trace (replaces the Poisson arrivals). */
  trace?: TraceJob[];
  /** Name used in summary.json (defaults to the scenario's name). */
  name?: string;
}

export class Model {
  readonly world: World;
  private warmupIntegrals: WarmupIntegrals | null = null;
  private finished = false;
  private pauseRequested = false;

  constructor(readonly scenario: Scenario, sink: ModelSink = {}, private readonly options: ModelOptions = {}) {
    this.world = new World(scenario, sink, options.timeline ?? { kind: 'full' }, options.replication ?? 0);
    const w = this.world;
    startArrivals(w, options.trace);
    startDailySamples(w);
    if (w.warmup > 0) w.sim.at(w.warmup, () => { this.warmupIntegrals = readIntegrals(w); }, undefined, -1000);
  }

  /** Simulated time now, ms since start. */
  get now(): number {
    return this.world.sim.now;
  }

  get horizon(): number {
    return this.world.horizon;
  }

  get done(): boolean {
    return this.world.sim.now >= this.world.horizon;
  }

  /**
   * Runs events up to `until` (capped at the horizon), or until pause() is
   * called: then `now` is the time of the last event run, and the next
   * advance() goes on from there. Where a run pauses never changes its
   * outcome: the events run in the same order.
   */
  advance(until: number): void {
    this.world.sim.run(Math.min(until, this.world.horizon));
  }

  /**
   * Makes advance() return after the current event, and finishing() yield
   * after the current record (a writer that needs to catch up calls it from a sink).
   */
  pause(): void {
    this.pauseRequested = true;
    this.world.sim.stop();
  }

  /** Runs to the horizon, hands every record still open to the sink, and returns the summary. */
  finish(): RunSummary {
    const steps = this.finishing();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * finish() in steps: yields whenever pause() was called while it hands the
   * open records to the sink (at the horizon of a large run that is hundreds
   * of thousands of jobs and drives at once), so the writer can drain.
   */
  *finishing(): Generator<void, RunSummary> {
    if (this.finished) throw new Error('Model.finish() called twice');
    this.finished = true;
    const w = this.world;
    while (!this.done) {
      this.advance(w.horizon);
      if (this.takePause()) yield;
    }
    if (!this.warmupIntegrals) this.warmupIntegrals = w.warmup > 0 ? readIntegrals(w) : zeroIntegrals();
    const counts = w.released.counts;
    const summary = buildSummary(w, this.options.name ?? this.scenario.name ?? 'scenario', this.options.replication ?? 0, counts, this.warmupIntegrals);
    const open = [...w.jobs.values()];
    const openCount = w.openJobs;
    yield* this.recordOpenJobs(open);
    const drives: Drive[] = [];
    for (const job of open) drives.push(...job.drives, ...job.riders);
    drives.push(...w.loose);
    for (const d of drives) {
      if (d.released) continue;
      releaseDrive(w, d);
      if (this.takePause()) yield;
    }
    summary.drives = counts.drives;
    summary.jobs = { ...summary.jobs, ...counts.jobs, openAtHorizon: openCount };
    return summary;
  }

  /** Whether pause() was called since the last check (and clears it): finishing() yields then. */
  private takePause(): boolean {
    if (!this.pauseRequested) return false;
    this.pauseRequested = false;
    return true;
  }

  /** Records of the jobs open at the horizon, by job number: the active ones and those in retention. */
  private *recordOpenJobs(active: Job[]): Generator<void, void> {
    const w = this.world, r = w.retained;
    const retained = [...r.seqs()].sort((a, b) => r.index(a) - r.index(b));
    let i = 0;
    for (const job of active) { // w.jobs is in job-number order (insertion at Put Job)
      for (; i < retained.length && r.index(retained[i]) < job.index; i++) {
        w.recordRetainedJob(retained[i], NaN, '');
        if (this.takePause()) yield;
      }
      w.recordJob(job);
      if (this.takePause()) yield;
    }
    for (; i < retained.length; i++) {
      w.recordRetainedJob(retained[i], NaN, '');
      if (this.takePause()) yield;
    }
  }
}

function zeroIntegrals(): WarmupIntegrals {
  return { copyBusy: 0, copyQueue: 0, opsBusy: 0, opsQueue: 0, onSite: 0 };
}

/** Runs a scenario to its horizon in one go. */
export function runModel(scenario: Scenario, sink: ModelSink = {}, options: ModelOptions = {}): RunSummary {
  return new Model(scenario, sink, options).finish();
}
