/**
 * Chart 1, job timelines: a Gantt chart of a deterministic sample of jobs
 * (every k-th job by ID, see assemble.ts), one bar segment per job-state
 * visit coloured by state, and markers for alerts, contacts, timeouts and
 * faults whose tooltips name the rule.
 * Reads: GanttData (events.csv rows of the sampled jobs, jobs.csv for the sample).
 */
import { JOB_STATES } from '../../spec/index.js';
import type { GanttData, MarkerCategory } from '../types.js';
import {
  baseConfig, CHART_WIDTH, iso, isoMinute, messageChart, round, ruleLabel, stateColorScale, stateDoc, type TopLevelSpec,
} from './common.js';

const DAY = 86_400_000;

export const MARKER_CATEGORIES: readonly MarkerCategory[] = ['alert', 'contact', 'timeout', 'fault'];
const MARKER_SHAPES: Record<MarkerCategory, string> = {
  alert: 'triangle-up',
  contact: 'circle',
  timeout: 'diamond',
  fault: 'cross',
};
/** Legend labels (short: the legend sits under the plot). */
const MARKER_LABELS: Record<MarkerCategory, string> = {
  alert: 'alert',
  contact: 'contact',
  timeout: 'timeout',
  fault: 'fault',
};
/** Tooltip wording. */
const MARKER_TIPS: Record<MarkerCategory, string> = {
  alert: 'alert: operations were alerted',
  contact: 'contact: operations contacted the customer',
  timeout: 'timeout: a timer rule fired',
  fault: 'fault: the job or a drive went to Faulted',
};

/**
 * Runs longer than this draw the sample on a common axis, days since each
 * job's Put Job, so that a job's few active weeks are not a sliver of a
 * multi-year axis; final-state bars are then cut a little after the latest
 * job finished.
 */
export const RELATIVE_AXIS_AFTER_DAYS = 120;

const FINAL = new Set(['Completed', 'Closed']);

export function timelinesChart(data: GanttData | null): TopLevelSpec {
  const title = 'Job timelines';
  if (!data || data.jobs.length === 0) return messageChart(title, undefined, ['No jobs in this run: nothing to draw.']);

  const info = new Map(data.jobs.map((j) => [j.job, j]));
  const rowLabel = (job: string) => {
    const j = info.get(job);
    return j ? `${job} (${j.type || '?'})` : job;
  };
  const order = data.jobs.map((j) => rowLabel(j.job));
  // Put time of each job (its first segment), the run's span, and the axis mode.
  const put = new Map<string, number>();
  for (const s of data.segments) put.set(s.job, Math.min(put.get(s.job) ?? Infinity, s.start));
  const t0 = Math.min(...data.segments.map((s) => s.start), ...data.markers.map((m) => m.time));
  const t1 = Math.max(...data.segments.map((s) => s.end), ...data.markers.map((m) => m.time));
  const relative = Number.isFinite(t0) && t1 - t0 > RELATIVE_AXIS_AFTER_DAYS * DAY;
  const rel = (job: string, t: number) => round((t - (put.get(job) ?? t0)) / DAY, 3);
  let relMax = 0;
  if (relative) {
    for (const s of data.segments) relMax = Math.max(relMax, rel(s.job, FINAL.has(s.state) ? s.start : s.end));
    for (const m of data.markers) relMax = Math.max(relMax, rel(m.job, m.time));
    relMax = Math.ceil((relMax + 7) / 10) * 10;
  }
  const segments = data.segments.map((s) => ({
    row: rowLabel(s.job),
    rs: rel(s.job, s.start),
    re: rel(s.job, s.end),
    job: s.job,
    state: s.state,
    meaning: stateDoc(s.state),
    start: iso(s.start),
    end: iso(s.end),
    from: isoMinute(s.start),
    to: s.open ? `${isoMinute(s.end)} (still in state at the end of the run)` : isoMinute(s.end),
    days: round((s.end - s.start) / DAY, 2),
    rule: s.rule ? ruleLabel(s.rule) : '(none)',
    // the SVG's aria label (vega would format the end time in the local time zone)
    desc: `${s.job}: ${s.state} from ${isoMinute(s.start)} to ${isoMinute(s.end)} UTC`,
  }));
  const markers = data.markers.map((m) => ({
    row: rowLabel(m.job),
    rt: rel(m.job, m.time),
    job: m.job,
    category: m.category,
    categoryLabel: MARKER_TIPS[m.category],
    time: iso(m.time),
    when: isoMinute(m.time),
    rule: m.rule ? ruleLabel(m.rule) : '(none)',
    what: `${m.kind} ${m.entity} ${m.id}`,
    detail: m.detail || '(none)',
    desc: `${m.job}: ${m.category} ${m.rule ? `(${m.rule}) ` : ''}at ${isoMinute(m.time)} UTC`,
  }));
  const statesPresent = JOB_STATES.filter((s) => data.segments.some((g) => g.state === s));
  const extraStates = [...new Set(data.segments.map((g) => g.state))].filter((s) => !(JOB_STATES as readonly string[]).includes(s)).sort();
  const states = [...statesPresent, ...extraStates];
  const categories = MARKER_CATEGORIES.filter((c) => data.markers.some((m) => m.category === c));

  const y = {
    field: 'row', type: 'nominal', sort: order, title: 'job (type)',
    scale: { paddingInner: 0.3, paddingOuter: 0.2 },
    axis: { labelFontSize: 10, labelLimit: 160 },
  };
  const x = relative
    ? { type: 'quantitative', scale: { domain: [0, relMax], nice: false }, title: 'days since Put Job', axis: { labelOverlap: true } }
    : { type: 'temporal', scale: { type: 'utc' }, title: 'date (UTC)', axis: { format: '%Y-%m-%d', labelAngle: 0, labelOverlap: true } };
  const xs = relative ? { start: 'rs', end: 're', time: 'rt' } : { start: 'start', end: 'end', time: 'time' };
  const axisNote = relative
    ? `The run spans ${Math.round((t1 - t0) / DAY)} days: jobs share one axis, days since Put Job; final-state bars are cut at ${relMax} days.`
    : '';
  const sampleNote = data.every > 1
    ? `${data.jobs.length} of ${data.totalJobs} jobs: every ${data.every}th by job ID`
    : `all ${data.jobs.length} jobs`;
  const dropped = data.markersDropped > 0 ? `; ${data.markersDropped} markers not drawn (cap)` : '';

  const layers: Record<string, unknown>[] = [
    {
      data: { values: segments },
      mark: { type: 'bar', cornerRadius: 1, clip: true },
      encoding: {
        y,
        x: { ...x, field: xs.start },
        x2: { field: xs.end },
        description: { field: 'desc' },
        color: {
          field: 'state', type: 'nominal', title: 'job state', scale: stateColorScale(states),
          legend: { orient: 'bottom', direction: 'horizontal', columns: 4 },
        },
        tooltip: [
          { field: 'job', title: 'job' },
          { field: 'state', title: 'state' },
          { field: 'meaning', title: 'meaning' },
          { field: 'from', title: 'from (UTC)' },
          { field: 'to', title: 'to (UTC)' },
          { field: 'days', title: 'days', type: 'quantitative' },
          { field: 'rule', title: 'entered by rule' },
        ],
      },
    },
  ];
  if (markers.length > 0) {
    layers.push({
      data: { values: markers },
      mark: { type: 'point', filled: true, size: 80, color: '#1a1a1a', stroke: 'white', strokeWidth: 1, opacity: 1 },
      encoding: {
        y,
        x: { ...x, field: xs.time },
        description: { field: 'desc' },
        shape: {
          field: 'category', type: 'nominal', title: 'marker',
          scale: { domain: categories, range: categories.map((c) => MARKER_SHAPES[c]) },
          legend: { orient: 'bottom', direction: 'horizontal', labelExpr: markerLabelExpr(categories), symbolFillColor: '#1a1a1a', symbolStrokeColor: '#1a1a1a' },
        },
        tooltip: [
          { field: 'categoryLabel', title: 'marker' },
          { field: 'rule', title: 'rule' },
          { field: 'job', title: 'job' },
          { field: 'what', title: 'row' },
          { field: 'when', title: 'time (UTC)' },
          { field: 'detail', title: 'detail' },
        ],
      },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: [`${sampleNote}${dropped}.`, 'Bars: job state; markers: alerts, contacts, timeouts, faults (hover for the rule).', ...(axisNote ? [axisNote] : [])],
    },
    config: baseConfig(),
    width: CHART_WIDTH - 120,
    height: Math.max(60, order.length * 18),
    layer: layers,
    resolve: { legend: { color: 'independent', shape: 'independent' } },
  } as unknown as TopLevelSpec;
}

function markerLabelExpr(categories: readonly MarkerCategory[]): string {
  const parts = categories.map((c) => `datum.label === '${c}' ? '${MARKER_LABELS[c]}'`);
  return parts.length ? `${parts.join(' : ')} : datum.label` : 'datum.label';
}
