/**
 * The arithmetic of the report, without I/O: streaming aggregators fed one
 * parsed CSV record at a time (events.csv may hold millions of rows; nothing
 * here keeps a row), and small normalizers for the JSON inputs. read-outputs.ts
 * does the reading and calls these.
 */
import { RULES, JOB_FINISHED } from '../spec/index.js';
import { Tally } from '../sim/statistics.js';
import { MAX_GANTT_MARKERS, MAX_TIME_POINTS, MAX_VIOLATIONS_LISTED, MAX_WEEK_BUCKETS } from './limits.js';
import { COPY_PHASE_LABEL } from './charts/time-in-state.js';
import type {
  ChecksData, GanttData, GanttJob, GanttMarker, GanttSegment, MarkerCategory, RuleFiringsData, StateTimeStats, SweepRow,
  TimeseriesData, TimeseriesRow, TurnaroundData, Violation,
} from './types.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** A CSV record as papaparse gives it with `header: true`. */
export type CsvRecord = Record<string, string | undefined>;

/** Parses an ISO instant to epoch ms (NaN when empty or unreadable). */
export function parseTime(s: string | undefined): number {
  if (!s) return NaN;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : NaN;
}

/** Parses a number cell (null when empty or not a number). */
export function parseNumber(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

// ---------------------------------------------------------------- jobs.csv

/**
 * Pass 1 over jobs.csv: the job IDs (to sample by ID: jobs.csv lists jobs in
 * the order their records were finished, not by ID), and every finished
 * job's turnaround by type (the turnaround chart sorts them).
 */
export class JobsTally {
  count = 0;
  readonly ids: string[] = [];
  readonly turnaround: TurnaroundData = { import: [], export: [] };

  add(r: CsvRecord): void {
    this.addRow(r.job ?? '', r.type ?? '', r.turnaround_days ?? '');
  }

  addRow(job: string, type: string, turnaroundDays: string): void {
    this.count++;
    if (job) this.ids.push(job);
    const t = parseNumber(turnaroundDays);
    if (t === null) return;
    if (type === 'export') this.turnaround.export.push(t);
    else if (type === 'import') this.turnaround.import.push(t);
  }
}

/** The sampling step: every k-th job, so that at most `size` jobs are drawn. */
export function sampleStep(total: number, size: number): number {
  if (size <= 0) return Math.max(1, total);
  return Math.max(1, Math.ceil(total / size));
}

/**
 * The sample: every k-th job in ID order (IDs 0, k, 2k, … of the sorted
 * list), at most `size` of them: deterministic, and spread over the whole
 * run, not random.
 */
export function sampleIds(ids: readonly string[], size: number): { ids: string[]; every: number } {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const every = sampleStep(sorted.length, size);
  const out: string[] = [];
  for (let i = 0; i < sorted.length && out.length < size; i += every) out.push(sorted[i]);
  return { ids: out, every };
}

/** Pass 2 over jobs.csv: what jobs.csv says about the sampled jobs. */
export class JobsSample {
  private readonly wanted: Set<string>;
  private readonly found = new Map<string, GanttJob>();

  constructor(readonly ids: readonly string[], readonly every: number) {
    this.wanted = new Set(ids);
  }

  add(r: CsvRecord): void {
    this.addRow(r.job ?? '', r.type ?? '', r.drives ?? '', r.final_state ?? '');
  }

  addRow(job: string, type: string, drives: string, finalState: string): void {
    if (!job || !this.wanted.has(job) || this.found.has(job)) return;
    this.found.set(job, { job, type, drives: parseNumber(drives), finalState });
  }

  /** The sampled jobs in ID order (a job missing from the second pass keeps just its ID). */
  get jobs(): GanttJob[] {
    return this.ids.map((id) => this.found.get(id) ?? { job: id, type: '', drives: null, finalState: '' });
  }
}

// ---------------------------------------------------------------- events.csv

/** Job states whose visits the time-in-state chart measures (final states are left out: R-RETENTION keeps them 90 days). */
export const MEASURED_STATES = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging', 'Faulted'] as const;

/** Timer rules whose firing is a timeout worth a marker (R-RETENTION's routine deletion is not). */
const TIMEOUT_RULES = new Set<string>(RULES.filter((r) => r.kind === 'timer' && r.id !== 'R-RETENTION').map((r) => r.id));
const FINISHED = new Set<string>(JOB_FINISHED);

interface OpenJob {
  state: string;
  since: number;
  received: number;
  cancelled: boolean;
}

interface OpenSegment {
  state: string;
  since: number;
  rule: string;
}

export interface EventAggregatorOptions {
  /** Start of the run (week 0 begins here); default: the first row's day at 00:00 UTC. */
  start?: number | null;
  /** IDs of the sampled jobs; null: take the first `fallbackSize` jobs put (when there is no jobs.csv). */
  sample?: ReadonlySet<string> | null;
  fallbackSize?: number;
}

export interface EventAggregates {
  rows: number;
  firstTime: number;
  lastTime: number;
  timeInState: StateTimeStats[];
  ruleFirings: RuleFiringsData;
  segments: GanttSegment[];
  markers: GanttMarker[];
  markersDropped: number;
  /** The sampled jobs seen (in first-seen order), with what their put row says. */
  seenJobs: GanttJob[];
}

/**
 * Aggregates events.csv row by row: time-in-state tallies (per job-state
 * visit, memory: the jobs not yet finished), rule firings per week, and the
 * sampled jobs' Gantt segments and markers. Rows must come in file order.
 */
export class EventAggregator {
  private rows = 0;
  private firstTime = NaN;
  private lastTime = NaN;
  private start: number;
  private lastTimeText = '';
  private lastTimeMs = NaN;
  /** The instant of the rows being read (firing and marker keys are per instant). */
  private instant = NaN;
  // time in state
  private readonly open = new Map<string, OpenJob>();
  private readonly tallies = new Map<string, Tally>();
  // rule firings
  private readonly weekCounts = new Map<number, Map<string, number>>();
  private readonly firingKeys = new Set<string>();
  // gantt
  private readonly sample: Set<string> | null;
  private readonly fallbackSize: number;
  private readonly sampled = new Set<string>();
  private readonly seenJobs = new Map<string, GanttJob>();
  private readonly openSegments = new Map<string, OpenSegment>();
  private readonly segments: GanttSegment[] = [];
  private readonly markers: GanttMarker[] = [];
  private readonly markerKeys = new Set<string>();
  private markersDropped = 0;

  constructor(opts: EventAggregatorOptions = {}) {
    this.start = opts.start ?? NaN;
    this.sample = opts.sample ? new Set(opts.sample) : null;
    this.fallbackSize = opts.fallbackSize ?? 0;
    for (const s of [...MEASURED_STATES, 'copy']) this.tallies.set(s, new Tally());
  }

  /** One events.csv record (header names as keys). */
  add(r: CsvRecord): void {
    this.addRow(r.time ?? '', r.kind ?? '', r.entity ?? '', r.id ?? '', r.job ?? '', r.to ?? '', r.rule ?? '', r.detail ?? '');
  }

  /** One events.csv row by its fields (the fast path: no object per row); false when it has no readable time (skipped). */
  addRow(timeText: string, kind: string, entity: string, id: string, job: string, to: string, rule: string, detail: string): boolean {
    let t: number;
    if (timeText === this.lastTimeText) {
      t = this.lastTimeMs;
    } else {
      t = parseTime(timeText);
      this.lastTimeText = timeText;
      this.lastTimeMs = t;
    }
    if (!Number.isFinite(t)) return false; // a row without a time: nothing to place
    this.addRowAt(t, kind, entity, id, job, to, rule, detail);
    return true;
  }

  /** addRow with the time already parsed (epoch ms, finite): for readers that parse it from bytes. */
  addRowAt(t: number, kind: string, entity: string, id: string, job: string, to: string, rule: string, detail: string): void {
    if (t !== this.instant) {
      // A new instant: a rule firing or a marker counts once per job and instant.
      this.instant = t;
      this.firingKeys.clear();
      this.markerKeys.clear();
    }
    this.rows++;
    if (!Number.isFinite(this.firstTime)) {
      this.firstTime = t;
      if (!Number.isFinite(this.start)) this.start = Math.floor(t / DAY) * DAY;
    }
    this.lastTime = t;
    if (rule) this.countFiring(t, rule, job || id);
    if (entity === 'job') this.trackJob(t, kind, id, to, rule);
    if (job) this.trackSample(t, kind, entity, id, job, to, rule, detail);
  }

  private countFiring(t: number, rule: string, who: string): void {
    const key = `${rule}|${who}`;
    if (this.firingKeys.has(key)) return;
    this.firingKeys.add(key);
    const week = Math.floor((t - this.start) / WEEK);
    let m = this.weekCounts.get(week);
    if (!m) this.weekCounts.set(week, (m = new Map()));
    m.set(rule, (m.get(rule) ?? 0) + 1);
  }

  private closeVisit(o: OpenJob, t: number): void {
    this.tallies.get(o.state)?.add((t - o.since) / DAY);
  }

  private trackJob(t: number, kind: string, id: string, to: string, rule: string): void {
    if (kind === 'state') {
      const o = this.open.get(id);
      if (o) this.closeVisit(o, t);
      if (FINISHED.has(to)) {
        this.open.delete(id);
        return;
      }
      if (!o) {
        this.open.set(id, { state: to, since: t, received: to === 'Received' ? t : NaN, cancelled: false });
        return;
      }
      if (to === 'Received' && !Number.isFinite(o.received)) o.received = t;
      if (to === 'Packaging' && Number.isFinite(o.received) && !o.cancelled) this.tallies.get('copy')!.add((t - o.received) / DAY);
      o.state = to;
      o.since = t;
    } else if (kind === 'delete') {
      const o = this.open.get(id);
      if (o) {
        this.closeVisit(o, t);
        this.open.delete(id);
      }
    } else if (kind === 'cancel') {
      const o = this.open.get(id);
      if (o) o.cancelled = true;
    } else if (kind === 'refuse' && rule === 'R-CANCEL') {
      const o = this.open.get(id);
      if (o) o.cancelled = false;
    }
  }

  /**
   * Whether addRow reads this row's detail: only a sampled job's rows show it
   * (a reader may leave the others undecoded). Mirrors inSample without taking the job in.
   */
  wantsDetail(kind: string, job: string): boolean {
    if (!job) return false;
    if (this.sample) return this.sample.has(job);
    return this.sampled.has(job) || (kind === 'put' && this.sampled.size < this.fallbackSize);
  }

  private inSample(kind: string, job: string): boolean {
    if (this.sample) return this.sample.has(job);
    if (this.sampled.has(job)) return true;
    if (kind === 'put' && this.sampled.size < this.fallbackSize) {
      this.sampled.add(job);
      return true;
    }
    return false;
  }

  private trackSample(t: number, kind: string, entity: string, id: string, job: string, to: string, rule: string, detail: string): void {
    if (!this.inSample(kind, job)) return;
    if (kind === 'put' && entity === 'job' && !this.seenJobs.has(job)) {
      const d = new Map(detail.split(';').map((p) => p.split('=') as [string, string]));
      this.seenJobs.set(job, { job, type: d.get('type') ?? '', drives: parseNumber(d.get('drives')), finalState: '' });
    }
    if (entity === 'job' && (kind === 'state' || kind === 'delete')) {
      const seg = this.openSegments.get(job);
      if (seg) {
        if (t > seg.since) this.segments.push({ job, state: seg.state, start: seg.since, end: t, open: false, rule: seg.rule });
        this.openSegments.delete(job);
      }
      if (kind === 'state') this.openSegments.set(job, { state: to, since: t, rule });
      const info = this.seenJobs.get(job);
      if (info) info.finalState = kind === 'state' ? to : info.finalState;
    }
    let category: MarkerCategory | null = null;
    if (kind === 'alert') category = 'alert';
    else if (kind === 'contact') category = 'contact';
    else if (kind === 'state' && to === 'Faulted') category = 'fault';
    else if (rule && TIMEOUT_RULES.has(rule) && kind !== 'reply' && kind !== 'update') category = 'timeout';
    if (category) {
      const key = `${job}|${category}|${rule}`;
      if (this.markerKeys.has(key)) return;
      this.markerKeys.add(key);
      if (this.markers.length >= MAX_GANTT_MARKERS) {
        this.markersDropped++;
        return;
      }
      this.markers.push({ job, time: t, category, rule, kind, entity, id, detail });
    }
  }

  /** The aggregates; open visits and segments end at `horizon` (default: the last row's time). */
  finish(horizon?: number | null): EventAggregates {
    const end = horizon != null && Number.isFinite(horizon) ? Math.max(horizon, this.lastTime || horizon) : this.lastTime;
    const segments = [...this.segments];
    for (const [job, seg] of this.openSegments) {
      if (end > seg.since) segments.push({ job, state: seg.state, start: seg.since, end, open: true, rule: seg.rule });
    }
    segments.sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : a.start - b.start));
    const timeInState: StateTimeStats[] = [];
    for (const [state, tally] of this.tallies) {
      if (tally.count === 0) continue;
      timeInState.push({
        state,
        label: state === 'copy' ? COPY_PHASE_LABEL : state,
        count: tally.count,
        mean: tally.mean,
        min: tally.min,
        p05: clampQ(tally, 0.05),
        p25: clampQ(tally, 0.25),
        p50: clampQ(tally, 0.5),
        p75: clampQ(tally, 0.75),
        p95: clampQ(tally, 0.95),
        max: tally.max,
      });
    }
    return {
      rows: this.rows,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      timeInState,
      ruleFirings: bucketWeeks(this.weekCounts, Number.isFinite(this.start) ? this.start : 0),
      segments,
      markers: [...this.markers],
      markersDropped: this.markersDropped,
      seenJobs: [...this.seenJobs.values()],
    };
  }
}

/** A sketch quantile kept inside [min, max] (the sketch reports bucket midpoints). */
function clampQ(t: Tally, q: number): number {
  const x = t.quantile(q);
  return Math.min(t.max, Math.max(t.min, x));
}

/** Weekly counts, merged into k-week buckets when the run has more than MAX_WEEK_BUCKETS weeks. */
export function bucketWeeks(weekCounts: ReadonlyMap<number, ReadonlyMap<string, number>>, start: number, maxBuckets = MAX_WEEK_BUCKETS): RuleFiringsData {
  const weeks = [...weekCounts.keys()];
  if (weeks.length === 0) return { counts: [], bucketDays: 7 };
  const lo = Math.min(...weeks), hi = Math.max(...weeks);
  const k = Math.max(1, Math.ceil((hi - lo + 1) / maxBuckets));
  const merged = new Map<string, { rule: string; start: number; count: number }>();
  for (const w of [...weeks].sort((a, b) => a - b)) {
    const b = Math.floor(w / k) * k;
    for (const [rule, n] of weekCounts.get(w)!) {
      const key = `${b}|${rule}`;
      const m = merged.get(key);
      if (m) m.count += n;
      else merged.set(key, { rule, start: start + b * WEEK, count: n });
    }
  }
  const counts = [...merged.values()].sort((a, b) => a.start - b.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { counts, bucketDays: 7 * k };
}

/** The Gantt data: sampled jobs (jobs.csv's info first, then what put rows said), their segments and markers. */
export function assembleGantt(sample: GanttJob[] | null, agg: EventAggregates, totalJobs: number, every: number): GanttData {
  const byId = new Map<string, GanttJob>();
  for (const j of agg.seenJobs) byId.set(j.job, { ...j });
  for (const j of sample ?? []) {
    const seen = byId.get(j.job);
    byId.set(j.job, { job: j.job, type: j.type || seen?.type || '', drives: j.drives ?? seen?.drives ?? null, finalState: j.finalState || seen?.finalState || '' });
  }
  const jobs = [...byId.values()].sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : 0));
  return { jobs, segments: agg.segments, markers: agg.markers, totalJobs, every, markersDropped: agg.markersDropped };
}

// ---------------------------------------------------------------- timeseries.csv

/** One timeseries.csv record to a row (null when it has no readable date). */
export function timeseriesRow(r: CsvRecord): TimeseriesRow | null {
  const date = parseTime(r.date);
  if (!Number.isFinite(date)) return null;
  const values: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(r)) if (k !== 'date') values[k] = parseNumber(v);
  return { date, values };
}

/**
 * Daily rows, or means over k-day buckets when there are more than
 * `maxPoints` days (so a ten-year run still draws at most maxPoints points).
 */
export function bucketTimeseries(rows: TimeseriesRow[], maxPoints = MAX_TIME_POINTS): TimeseriesData {
  const sorted = [...rows].sort((a, b) => a.date - b.date);
  if (sorted.length <= maxPoints) return { rows: sorted, bucketDays: 1 };
  const k = Math.ceil(sorted.length / maxPoints);
  const out: TimeseriesRow[] = [];
  for (let i = 0; i < sorted.length; i += k) {
    const chunk = sorted.slice(i, i + k);
    const keys = new Set(chunk.flatMap((r) => Object.keys(r.values)));
    const values: Record<string, number | null> = {};
    for (const key of keys) {
      let sum = 0, n = 0;
      for (const r of chunk) {
        const v = r.values[key];
        if (v != null) { sum += v; n++; }
      }
      values[key] = n ? sum / n : null;
    }
    out.push({ date: chunk[0].date, values });
  }
  return { rows: out, bucketDays: k };
}

// ---------------------------------------------------------------- checks.json

const asString = (x: unknown): string => (x == null ? '' : typeof x === 'string' ? x : String(x));

/** checks.json (`{ rows, violations: [...], byRule: {...} }`) to ChecksData; tolerant of the byRule value's shape. */
export function normalizeChecks(json: unknown): ChecksData {
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const list = Array.isArray(o.violations) ? (o.violations as Record<string, unknown>[]) : [];
  const violations: Violation[] = list.slice(0, MAX_VIOLATIONS_LISTED).map((v) => ({
    rule: asString(v?.rule), entity: asString(v?.entity), id: asString(v?.id), job: asString(v?.job),
    time: asString(v?.time), message: asString(v?.message),
  }));
  const byRule: Record<string, number> = {};
  if (o.byRule && typeof o.byRule === 'object') {
    for (const [rule, val] of Object.entries(o.byRule as Record<string, unknown>)) {
      let n: number | null = null;
      if (typeof val === 'number') n = val;
      else if (Array.isArray(val)) n = val.length;
      else if (val && typeof val === 'object') {
        const vo = val as Record<string, unknown>;
        const c = vo.violations ?? vo.count ?? vo.failed;
        n = typeof c === 'number' ? c : Array.isArray(c) ? c.length : null;
      }
      if (n !== null && Number.isFinite(n)) byRule[rule] = n;
    }
  } else {
    for (const v of list) {
      const rule = asString(v?.rule);
      byRule[rule] = (byRule[rule] ?? 0) + 1;
    }
  }
  const fromRules = Object.values(byRule).reduce((a, b) => a + b, 0);
  const rowsField = o.rows;
  const rows = typeof rowsField === 'number' ? rowsField : Array.isArray(rowsField) ? rowsField.length : null;
  return { rows, byRule, total: Math.max(fromRules, list.length), violations };
}

// ---------------------------------------------------------------- sweep.csv

/** sweep.csv columns that are not parameters (the rest are). */
const SWEEP_FIXED = new Set(['variant', 'label', 'kpi', 'mean', 'halfWidth', 'half_width', 'sd', 'n', 'low', 'high']);
const isFixed = (f: string) => SWEEP_FIXED.has(f) || f.startsWith('diff_');

/** sweep.csv records (format: charts/sweep.ts) to SweepRow[]; `fields` is the header, in order. */
export function sweepRows(records: CsvRecord[], fields: readonly string[]): SweepRow[] {
  const params = fields.filter((f) => !isFixed(f));
  const out: SweepRow[] = [];
  for (const r of records) {
    const mean = parseNumber(r.mean);
    if (mean === null || !r.kpi) continue;
    const p: Record<string, number | string> = {};
    for (const f of params) {
      const cell = r[f] ?? '';
      const x = parseNumber(cell);
      p[f] = x === null ? cell : x;
    }
    const hw = parseNumber(r.halfWidth) ?? parseNumber(r.half_width);
    out.push({ variant: r.label || r.variant || '', params: p, kpi: r.kpi, mean, halfWidth: hw ?? NaN, n: parseNumber(r.n) });
  }
  return out;
}
