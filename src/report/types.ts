/**
 * The aggregated data the chart builders and the page read. read-outputs.ts
 * fills it from an output folder (docs/outputs.md), assemble.ts does the
 * arithmetic; every field is already small (sampled or bucketed, see
 * limits.ts) so a chart never sees millions of rows.
 * Times are epoch milliseconds (UTC); durations are days.
 */

/** One state visit of a sampled job on the Gantt chart. */
export interface GanttSegment {
  job: string;
  state: string;
  start: number;
  end: number;
  /** True when the job was still in this state when the data ended (horizon). */
  open: boolean;
  /** Rule of the state row that started the visit ('' when none). */
  rule: string;
}

export type MarkerCategory = 'alert' | 'contact' | 'timeout' | 'fault';

/** A noteworthy row of a sampled job (or one of its drives). */
export interface GanttMarker {
  job: string;
  time: number;
  category: MarkerCategory;
  rule: string;
  kind: string;
  entity: string;
  id: string;
  detail: string;
}

export interface GanttJob {
  job: string;
  type: string;
  drives: number | null;
  finalState: string;
}

export interface GanttData {
  /** The sampled jobs, sorted by ID. */
  jobs: GanttJob[];
  segments: GanttSegment[];
  markers: GanttMarker[];
  /** Jobs in the run, and the sampling step (every `every`-th job by ID). */
  totalJobs: number;
  every: number;
  /** Markers dropped because of the marker cap (limits.ts). */
  markersDropped: number;
}

/** One row of timeseries.csv, numbers parsed (null for an empty cell). */
export interface TimeseriesRow {
  /** Start of the day (or bucket), epoch ms. */
  date: number;
  values: Record<string, number | null>;
}

export interface TimeseriesData {
  rows: TimeseriesRow[];
  /** Days per row: 1 for daily data; more when a long run was bucketed (means over the bucket). */
  bucketDays: number;
}

/** Time spent per visit of one job state (or a derived phase), in days. */
export interface StateTimeStats {
  /** A job state, or `copy` for the derived phase Received → Packaging. */
  state: string;
  label: string;
  count: number;
  mean: number;
  min: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
}

/** Turnaround (days) of finished jobs, by job type. */
export interface TurnaroundData {
  import: number[];
  export: number[];
}

/** Rule firings in one week (or longer bucket) of the run. */
export interface RuleWeekCount {
  rule: string;
  /** Bucket start, epoch ms. */
  start: number;
  count: number;
}

export interface RuleFiringsData {
  counts: RuleWeekCount[];
  /** Days per bucket: 7 unless a long run was bucketed coarser. */
  bucketDays: number;
}

/** One violation, as in checks.json. */
export interface Violation {
  rule: string;
  entity: string;
  id: string;
  job: string;
  time: string;
  message: string;
}

export interface ChecksData {
  /** Timeline rows checked (checks.json `rows`), when given. */
  rows: number | null;
  /** Violations per rule ID (from `byRule`, or counted from the list). */
  byRule: Record<string, number>;
  total: number;
  /** The first violations (at most limits.MAX_VIOLATIONS_LISTED). */
  violations: Violation[];
}

/**
 * A swept scenario: one row per (variant, KPI). See charts/sweep.ts for the
 * sweep.csv format this is read from.
 */
export interface SweepRow {
  variant: string;
  /** The parameter values of this variant, by parameter name (e.g. `copyStations: 4`). */
  params: Record<string, number | string>;
  kpi: string;
  mean: number;
  /** Half-width of the 95% confidence interval of the mean (NaN or 0 when n < 2). */
  halfWidth: number;
  n: number | null;
}

/** Everything a report is built from. Missing inputs are null. */
export interface ReportData {
  dir: string;
  manifest: Record<string, unknown> | null;
  summary: Record<string, unknown> | null;
  checks: ChecksData | null;
  gantt: GanttData | null;
  timeseries: TimeseriesData | null;
  timeInState: StateTimeStats[] | null;
  turnaround: TurnaroundData | null;
  ruleFirings: RuleFiringsData | null;
  sweep: SweepRow[] | null;
  /** Rows read from events.csv (null without it). */
  eventRows: number | null;
  /** Which input files were present. */
  inputs: Record<string, boolean>;
  /** What the report could not read whole (rows left out or short), for the user: empty for iesim's own outputs. */
  warnings: string[];
}
