/**
 * Size limits of the report. A year of a busy datacenter has millions of
 * timeline rows; the page must stay small (about 1 MB, of which ~830 kB are
 * the inlined vega, vega-lite and vega-embed libraries), so every chart
 * aggregates or samples to a bounded number of data points:
 *
 * - Gantt: DEFAULT_GANTT_JOBS jobs (option `ganttJobs`, at most
 *   MAX_GANTT_JOBS), every k-th job by ID; at most MAX_GANTT_MARKERS markers.
 * - Occupancy and capacity: one point per day up to MAX_TIME_POINTS days;
 *   longer runs are averaged over k-day buckets so at most MAX_TIME_POINTS
 *   points remain (≤ 16 states × 800 points for occupancy).
 * - Rule firings: per week up to MAX_WEEK_BUCKETS weeks, coarser buckets beyond
 *   (≤ 25 rules × 260 buckets).
 * - Time in state: one box per state (quantiles from a streaming sketch).
 * - Turnaround ECDF: ECDF_POINTS quantiles per job type, whatever the job count.
 * - Rule-check table: the first MAX_VIOLATIONS_LISTED violations listed; the
 *   chart shows counts per rule.
 * - Sweep: whatever sweep.csv holds (variants × KPIs, small by nature), capped
 *   at MAX_SWEEP_ROWS.
 * Worst case, the data inlined in the page is well under 1 MB.
 */
export const DEFAULT_GANTT_JOBS = 40;
export const MAX_GANTT_JOBS = 100;
export const MAX_GANTT_MARKERS = 2000;
export const MAX_TIME_POINTS = 800;
export const MAX_WEEK_BUCKETS = 260;
export const ECDF_POINTS = 201;
export const MAX_VIOLATIONS_LISTED = 200;
export const MAX_SWEEP_ROWS = 5000;
