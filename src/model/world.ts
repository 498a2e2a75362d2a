/**
 * The shared context of one simulation run: clock, random streams, samplers
 * of the scenario's distributions, resources, calendars, live entities, counters, and the two
 * primitives every actor uses: emit() a timeline row and change a state
 * (checked against the spec's transition tables: an illegal transition is a
 * bug in the model and stops the run).
 */
import { Simulation, type Timer } from '../sim/simulation.js';
import type { TimerLine } from '../sim/timer-line.js';
import { RandomStreams, type Rng } from '../sim/random.js';
import { Resource } from '../sim/resource.js';
import { WorkCalendar } from '../sim/calendar.js';
import { parseInstant } from '../sim/time.js';
import { parseDuration } from '../scenarios/units.js';
import { DRIVE_STATES, DRIVE_STATE_INDEX, JOB_STATES, JOB_STATE_INDEX, type DriveState, type JobState } from '../spec/states.js';
import { isDriveTransitionAllowed, isJobTransitionAllowed } from '../spec/transitions.js';
import { RULE_IDS, type RuleDurations, type RulePolicy } from '../spec/rules.js';
import { TIMERS, type TimerKey } from '../spec/timers.js';
import type { EventKind, Entity } from '../spec/timeline.js';
import type { Scenario } from '../scenarios/schema.js';
import { ruleDurations, rulePolicy } from '../scenarios/rule-settings.js';
import { NO_TIMER, driveRows, jobRows, type Drive, type Job } from './entities.js';
import type { ModelSink, TimelineMode } from './sink.js';
import { Kpis } from './kpis.js';
import { RetainedJobs } from './retained.js';
import { ReleaseTally } from './release-tally.js';
import { Samplers } from './samplers.js';

export class ModelBug extends Error {
  constructor(message: string) {
    super(`model bug: ${message}`);
    this.name = 'ModelBug';
  }
}

// Names to indexes on the hot path: Maps, not objects indexed by a variable name. Such an object lookup is
// megamorphic in compiled code (V8's stub cache: ~10 ns against ~6 for a Map); cachegrind counted ~700
// instructions an event in them at 100k jobs (docs/performance.md, session 11).
const RULE_CODE = new Map<string, number>(RULE_IDS.map((r, i) => [r, i]));
const JOB_STATE_CODE = new Map<string, number>(JOB_STATES.map((s, i) => [s, i]));
const DRIVE_STATE_CODE = new Map<string, number>(DRIVE_STATES.map((s, i) => [s, i]));

/**
 * The spec's transition tables as from × to matrices, for the transitions
 * that do not involve Faulted (those depend on the state before the fault
 * and go through the spec's function).
 */
function matrix<S extends string>(states: readonly S[], allowed: (from: S, to: S) => boolean): Uint8Array {
  const n = states.length;
  const m = new Uint8Array(n * n);
  for (let f = 0; f < n; f++) for (let t = 0; t < n; t++) m[f * n + t] = allowed(states[f], states[t]) ? 1 : 0;
  return m;
}
const JOB_FAULTED = JOB_STATE_INDEX.Faulted;
const DRIVE_FAULTED = DRIVE_STATE_INDEX.Faulted;
const JOB_ALLOWED = matrix(JOB_STATES, (f, t) => isJobTransitionAllowed(f, t, null));
const DRIVE_ALLOWED = matrix(DRIVE_STATES, (f, t) => isDriveTransitionAllowed(f, t, null));

/**
 * Named random streams, one per actor: adding draws to one never shifts another.
 * A class, not an object literal: the second run in a thread made V8 throw away
 * the compiled code of a dozen handlers when it built the literal again
 * (docs/performance.md, "Replications").
 */
export class Streams {
  readonly arrivals: Rng; readonly customer: Rng; readonly carrier: Rng; readonly dock: Rng;
  readonly copy: Rng; readonly ops: Rng; readonly faults: Rng; readonly noJob: Rng;

  constructor(rs: RandomStreams) {
    this.arrivals = rs.stream('arrivals');
    this.customer = rs.stream('customer');
    this.carrier = rs.stream('carrier');
    this.dock = rs.stream('dock');
    this.copy = rs.stream('copy');
    this.ops = rs.stream('operations');
    this.faults = rs.stream('faults');
    this.noJob = rs.stream('no-job-packages');
  }
}

export class World {
  readonly sim: Simulation;
  readonly streams: Streams;
  /** The scenario's distributions: w.samplers.transit.sample(w.streams.carrier). */
  readonly samplers: Samplers;
  readonly durations: RuleDurations;
  readonly policy: RulePolicy;
  readonly copy: Resource;
  readonly ops: Resource;
  readonly dockCalendar: WorkCalendar;
  readonly copyCalendar: WorkCalendar;
  readonly opsCalendar: WorkCalendar;
  readonly horizon: number;
  readonly warmup: number;
  readonly kpis: Kpis;
  /** Open jobs by number (a number key hashes faster than the ID), except those in `retained` (released when deleted). */
  readonly jobs = new Map<number, Job>();
  /** The numbers of open jobs and drives (entities.ts), rows reused as they are freed. */
  readonly jobRows = jobRows();
  readonly driveRows = driveRows();
  /** Finished jobs in retention whose drives have left (no longer in `jobs`). */
  readonly retained = new RetainedJobs();
  /** Handlers of retained jobs' events (finish.ts), made once per world. */
  retainedHandlers: { retention: (seq: number) => void; delete: (seq: number) => void } | null = null;
  /** Drives not yet released (still on site, or whose job is open). */
  liveDrives = 0;
  /** Drives on site whose job is gone or never existed (early arrivals): released by their own timers. */
  readonly loose = new Set<Drive>();
  readonly jobsInState = new Int32Array(JOB_STATES.length);
  readonly drivesInState = new Int32Array(DRIVE_STATES.length);
  drivesOnSite = 0;
  readonly ruleRows = new Float64Array(RULE_IDS.length);
  readonly released = new ReleaseTally();
  rows = 0;
  nextJob = 1;
  nextPackage = 1;
  nextOrphan = 1;
  nextNoJob = 1;
  private readonly lines = new Map<(data: any) => void, TimerLine<any>>();

  constructor(readonly scenario: Scenario, readonly sink: ModelSink, readonly timeline: TimelineMode, replication = 0) {
    this.sim = new Simulation({ start: scenario.start });
    this.streams = new Streams(new RandomStreams(scenario.seed, replication));
    this.samplers = new Samplers(scenario);
    this.durations = ruleDurations(scenario);
    this.policy = rulePolicy(scenario);
    this.copy = new Resource(this.sim, scenario.datacenter.copyStations, 'copy stations');
    this.ops = new Resource(this.sim, scenario.operations.operators, 'operators');
    const startMs = this.sim.startMs;
    this.dockCalendar = new WorkCalendar(scenario.datacenter.dockCalendar, startMs);
    this.copyCalendar = new WorkCalendar(scenario.datacenter.copyCalendar, startMs);
    this.opsCalendar = new WorkCalendar(scenario.operations.calendar, startMs);
    this.horizon = horizonMs(scenario.horizon, startMs);
    this.warmup = scenario.warmup;
    this.kpis = new Kpis(this.warmup);
  }

  chance(p: number, rng: Rng): boolean {
    // Draw even when p is 0 or 1, so changing a probability never shifts later draws of the stream.
    return rng.next() < p;
  }

  /** Jobs open now: active ones and those in retention. */
  get openJobs(): number {
    return this.jobs.size + this.retained.size;
  }

  /** Is this job in the timeline (full, or in the sample)? */
  traces(jobIndex: number): boolean {
    const t = this.timeline;
    return t.kind === 'full' || (t.kind === 'sample' && jobIndex <= t.jobs);
  }

  emit(traced: boolean, kind: EventKind, entity: Entity, id: string, job: string, from: string, to: string, rule: string, pkg = '', detail = ''): void {
    this.rows++;
    if (rule) this.ruleRows[RULE_CODE.get(rule)!]++;
    if (traced && this.sink.row) this.sink.row(this.sim.startMs + this.sim.now, kind, entity, id, job, from, to, rule, pkg, detail);
  }

  /** A row about a job (emit): its ID is asked for only when the row is written. */
  emitJob(job: Job, kind: EventKind, from: string, to: string, rule: string, pkg = '', detail = ''): void {
    if (job.traced) this.emit(true, kind, 'job', job.id, job.id, from, to, rule, pkg, detail);
    else this.emit(false, kind, 'job', '', '', from, to, rule);
  }

  /** A row about a drive (emit), in the timeline if `traced`: its IDs are asked for only when the row is written. */
  emitDrive(traced: boolean, d: Drive, kind: EventKind, from: string, to: string, rule: string, pkg = '', detail = ''): void {
    if (traced) this.emit(true, kind, 'drive', d.id, d.job?.id ?? '', from, to, rule, pkg, detail);
    else this.emit(false, kind, 'drive', '', '', from, to, rule);
  }

  /** A job's record is final (deleted, or open at the horizon): counted, and handed to the sink if it takes records. */
  recordJob(job: Job): void {
    this.released.job(job.type, job.cancelRequested, job.isDeleted);
    this.sink.job?.({ job, finalState: job.state });
  }

  /** recordJob for a job in retention (`deleted`: NaN when it is still open at the horizon). */
  recordRetainedJob(seq: number, deleted: number, rule: string): void {
    const r = this.retained;
    this.released.job(r.type(seq), r.cancelRequested(seq), !Number.isNaN(deleted));
    if (this.sink.job) this.sink.job({ job: r.facts(seq, deleted, rule), finalState: r.state(seq) });
  }

  /** A drive's record is final (its life at the datacenter is over, or the horizon came). */
  recordDrive(d: Drive): void {
    this.released.drive(d);
    this.sink.drive?.({ drive: d });
  }

  setJobState(job: Job, to: JobState, rule: string, detail = ''): void {
    const fi = job.stateIndex, ti = JOB_STATE_CODE.get(to)!;
    const from = JOB_STATES[fi];
    const ok = fi === JOB_FAULTED || ti === JOB_FAULTED ? isJobTransitionAllowed(from, to, job.beforeFault) : JOB_ALLOWED[fi * 8 + ti] === 1;
    if (!ok) throw new ModelBug(`job ${job.id}: illegal transition ${from} → ${to} (${rule || 'no rule'}) at ${this.sim.isoTime()}`);
    const now = this.sim.now;
    this.jobsInState[fi]--;
    this.jobsInState[ti]++;
    this.kpis.leaveJobState(job, fi, now - job.stateSince);
    if (to === 'Faulted') job.beforeFault = from;
    else if (from === 'Faulted') job.beforeFault = null;
    job.stateIndex = ti;
    job.stateSince = now;
    if (Number.isNaN(job.enteredAt(ti))) job.setEnteredAt(ti, now);
    this.emitJob(job, 'state', from, to, rule, '', detail);
  }

  /** Sets a drive's first state (from nothing). */
  initDriveState(drive: Drive, to: DriveState): void {
    const ti = DRIVE_STATE_CODE.get(to)!;
    drive.stateIndex = ti;
    this.drivesInState[ti]++;
    drive.setEnteredAt(ti, this.sim.now);
    this.emitDrive(drive.traced, drive, 'state', '', to, '');
  }

  setDriveState(drive: Drive, to: DriveState, rule: string, detail = ''): void {
    const fi = drive.stateIndex, ti = DRIVE_STATE_CODE.get(to)!;
    const from = fi < 0 ? null : DRIVE_STATES[fi];
    const ok = fi >= 0 && (fi === DRIVE_FAULTED || ti === DRIVE_FAULTED ? isDriveTransitionAllowed(from!, to, drive.beforeFault) : DRIVE_ALLOWED[fi * 8 + ti] === 1);
    if (!ok) throw new ModelBug(`drive ${drive.id}: illegal transition ${from} → ${to} (${rule || 'no rule'}) at ${this.sim.isoTime()}`);
    this.drivesInState[fi]--;
    this.drivesInState[ti]++;
    if (ti === DRIVE_FAULTED) drive.beforeFault = from;
    else if (fi === DRIVE_FAULTED) drive.beforeFault = null;
    drive.stateIndex = ti;
    if (Number.isNaN(drive.enteredAt(ti))) drive.setEnteredAt(ti, this.sim.now);
    this.emitDrive(drive.traced, drive, 'state', from as string, to, rule, '', detail);
  }


  /**
   * Starts a rule timer from the table in src/spec/timers.ts; returns its
   * handle. Timed from now, it goes on a TimerLine (one per rule timer and
   * handler: they are due in the order they start); `at` puts it in the heap.
   */
  startTimer<T>(key: TimerKey, fn: (data: T) => void, data: T, at?: number): Timer {
    // TIMERS[key] only when the line is made: the table indexed by a variable key is a megamorphic
    // load in compiled code (~100 instructions), and a running line already has its duration and priority.
    if (at !== undefined) return this.sim.at(at, fn, data, TIMERS[key].priority);
    let line = this.lines.get(fn);
    if (!line) {
      const def = TIMERS[key];
      line = this.sim.line(this.durations[def.duration], fn, def.priority);
      this.lines.set(fn, line);
    }
    return line.start(data);
  }

  /** Restarts a running rule timer (R-CREATING-RESET); returns its new handle. */
  restartTimer(timer: Timer): Timer {
    return this.sim.restart(timer);
  }

  /**
   * Schedules `fn(data)` at `time` unless that is after the horizon (or
   * Infinity): such an event could never run, so it is not kept.
   */
  atBeforeHorizon<T>(time: number, fn: (data: T) => void, data: T): Timer {
    return time <= this.horizon ? this.sim.at(time, fn, data) : NO_TIMER;
  }

  cancelTimer(timer: Timer): Timer {
    if (timer !== NO_TIMER) this.sim.cancel(timer);
    return NO_TIMER;
  }

  setOnSite(drive: Drive, onSite: boolean): void {
    if (drive.onSite === onSite) return;
    drive.onSite = onSite;
    this.drivesOnSite += onSite ? 1 : -1;
    this.kpis.drivesOnSite(this.sim.now, this.drivesOnSite);
  }

  jobStateIndex(state: JobState): number {
    return JOB_STATE_CODE.get(state)!;
  }

  ruleRowCounts(): Record<string, number> {
    return Object.fromEntries(RULE_IDS.map((r, i) => [r, this.ruleRows[i]]));
  }
}

/** A duration after start (`365d`) or an ISO date; ms since start. */
export function horizonMs(horizon: string, startMs: number): number {
  return parseDuration(horizon) ?? parseInstant(horizon) - startMs;
}
