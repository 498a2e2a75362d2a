/**
 * Every chart of the report, built from ReportData: one entry per chart, in
 * page order. A chart whose input file is missing has `spec: null` and a
 * note saying which file (the page shows the note; no chart file is written).
 */
import type { ReportData } from '../types.js';
import type { TopLevelSpec } from './common.js';
import { timelinesChart } from './timelines.js';
import { occupancyChart } from './occupancy.js';
import { capacityChart } from './capacity.js';
import { scenarioReferences, timeInStateChart } from './time-in-state.js';
import { turnaroundChart } from './turnaround.js';
import { ruleFiringsChart } from './rule-firings.js';
import { ruleChecksChart } from './rule-checks.js';
import { sweepChart } from './sweep.js';

export { timelinesChart, occupancyChart, capacityChart, timeInStateChart, turnaroundChart, ruleFiringsChart, ruleChecksChart, sweepChart };
export { messageChart } from './common.js';

export interface ChartEntry {
  /** File stem under charts/ and the page anchor. */
  name: string;
  title: string;
  /** What the chart answers, for the page. */
  caption: string;
  spec: TopLevelSpec | null;
  /** Why it is not available (when spec is null). */
  note: string;
}

/** The chart names, in page order. */
export const CHART_NAMES = ['timelines', 'occupancy', 'capacity', 'time-in-state', 'turnaround', 'rule-firings', 'rule-checks', 'sweep'] as const;

function entry(name: string, title: string, caption: string, available: boolean, build: () => TopLevelSpec, missing: string): ChartEntry {
  return available ? { name, title, caption, spec: build(), note: '' } : { name, title, caption, spec: null, note: `Not available: ${missing}.` };
}

export function buildCharts(data: ReportData): ChartEntry[] {
  const has = (f: string) => data.inputs[f] === true;
  return [
    entry('timelines', 'Job timelines', 'How sampled jobs moved through the states, and where alerts, contacts, timeouts and faults hit them.',
      has('events.csv'), () => timelinesChart(data.gantt), 'this folder has no events.csv'),
    entry('occupancy', 'State occupancy', 'How many jobs and drives sit in each state, day by day.',
      has('timeseries.csv'), () => occupancyChart(data.timeseries), 'this folder has no timeseries.csv'),
    entry('capacity', 'Capacity', 'Drives on site, copy stations busy and queued, operator utilization.',
      has('timeseries.csv'), () => capacityChart(data.timeseries), 'this folder has no timeseries.csv'),
    entry('time-in-state', 'Time in state', 'How long jobs stay in each state (visits that ended before the horizon), against the spec\'s limits and the copy target.',
      has('events.csv'), () => timeInStateChart(data.timeInState, scenarioReferences(data.manifest?.scenario)), 'this folder has no events.csv'),
    entry('turnaround', 'Turnaround', 'How long jobs take from delivery to return, import against export.',
      has('jobs.csv'), () => turnaroundChart(data.turnaround), 'this folder has no jobs.csv'),
    entry('rule-firings', 'Rule firings', 'Which rules fire, and when: timeouts, escalations, destructions, refusals.',
      has('events.csv'), () => ruleFiringsChart(data.ruleFirings), 'this folder has no events.csv'),
    entry('rule-checks', 'Rule checks', 'What the rule checker found wrong in the timeline, per rule.',
      has('checks.json'), () => ruleChecksChart(data.checks), 'this folder has no checks.json (the rule checker did not run)'),
    entry('sweep', 'Sweep', 'How each KPI moves with the swept parameter.',
      has('sweep.csv'), () => sweepChart(data.sweep), 'this folder is not a sweep (no sweep.csv)'),
  ];
}
