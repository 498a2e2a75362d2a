/**
 * The report of a run or sweep: charts (vega-lite specs, SVG, PNG) in
 * `<dir>/charts/` and a self-contained `<dir>/report.html`, from the outputs
 * already in `<dir>` (docs/outputs.md). `iesim run` calls writeReport at the
 * end; `iesim report DIR` calls it on an existing folder. Size limits: limits.ts.
 */
import { readOutputs } from './read-outputs.js';
import { buildCharts } from './charts/index.js';
import { renderReport } from './render.js';
import type { ReadProgress } from '../checker/byte-records.js';

export { readOutputs } from './read-outputs.js';
export { buildCharts, CHART_NAMES, type ChartEntry } from './charts/index.js';
export type { ReportData } from './types.js';

export interface ReportOptions {
  /** Jobs on the Gantt chart (default 40, at most 100; every k-th job by ID). */
  ganttJobs?: number;
  /** No progress lines on stderr. */
  quiet?: boolean;
  /** Hears how much of events.csv has been read (bytes, file size), once per chunk: a progress bar. */
  onRead?: ReadProgress;
}

/**
 * Reads the outputs in `dir`, writes every available chart as
 * `charts/<name>.vl.json|svg|png` and the page `report.html`. Missing
 * optional inputs (checks.json, timeseries.csv, sweep.csv, …) leave their
 * charts out with a "not available" note on the page. Throws UserError when
 * `dir` is not a folder of run outputs.
 */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<{ charts: string[]; html: string; warnings: string[] }> {
  const log = (s: string) => { if (!options.quiet) process.stderr.write(`${s}\n`); };
  const data = await readOutputs(dir, { ganttJobs: options.ganttJobs, onRead: options.onRead });
  const charts = buildCharts(data);
  const result = await renderReport(dir, data, charts);
  const missing = charts.filter((c) => !c.spec).map((c) => c.name);
  log(`report: ${charts.length - missing.length} charts in ${dir}/charts${missing.length ? ` (not available: ${missing.join(', ')})` : ''}; page ${result.html}`);
  return { ...result, warnings: data.warnings };
}
