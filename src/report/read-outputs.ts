/**
 * Reads an output folder (docs/outputs.md) into ReportData. The CSV files are
 * streamed (events.csv from its bytes, read-events.ts; the others with
 * papaparse) and fed to the aggregators of assemble.ts record by record, so memory stays bounded by the aggregates (open jobs, weekly
 * counts, the sample), not by the millions of rows events.csv may hold.
 * Every input is optional; a folder with none of them is a user mistake.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { UserError } from '../cli/errors.js';
import {
  assembleGantt, bucketTimeseries, EventAggregator, JobsSample, JobsTally, normalizeChecks, parseTime, sampleIds, sweepRows,
  timeseriesRow, type CsvRecord,
} from './assemble.js';
import { DEFAULT_GANTT_JOBS, MAX_GANTT_JOBS } from './limits.js';
import { eventWarnings, readEvents } from './read-events.js';
import type { ReadProgress } from '../checker/byte-records.js';
import type { ReportData, TimeseriesRow } from './types.js';

/** The files a report reads (drives.csv only counts as a sign of run outputs: no chart needs it). */
export const INPUT_FILES = ['events.csv', 'jobs.csv', 'drives.csv', 'timeseries.csv', 'summary.json', 'checks.json', 'manifest.json', 'sweep.csv'] as const;

export interface ReadOptions {
  /** Jobs on the Gantt chart (default limits.DEFAULT_GANTT_JOBS, at most limits.MAX_GANTT_JOBS). */
  ganttJobs?: number;
  /** Hears how much of events.csv (most of the reading) has been read, once per chunk. */
  onRead?: ReadProgress;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Streams a CSV file with a header row, calling `onRecord` for each record.
 * Resolves with the header's field names.
 */
export function streamCsv(path: string, onRecord: (r: CsvRecord) => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let fields: string[] = [];
    const stream = createReadStream(path, { encoding: 'utf8' });
    stream.on('error', reject);
    Papa.parse<CsvRecord>(stream as unknown as File, {
      header: true,
      skipEmptyLines: true,
      chunk(results, parser) {
        if (fields.length === 0 && results.meta.fields) fields = results.meta.fields;
        const data = results.data;
        try {
          for (let i = 0; i < data.length; i++) onRecord(data[i]);
        } catch (err) {
          reject(err);
          parser.abort();
          stream.destroy();
        }
      },
      complete() {
        resolve(fields);
      },
      error(err: Error) {
        reject(new UserError(`cannot read ${path}: ${err.message}`));
      },
    });
  });
}

/**
 * Streams a CSV file as arrays of cells (faster than records for millions of
 * rows). `onHeader` receives the header row; `onRow` every later row.
 */
export function streamCsvRows(path: string, onHeader: (fields: string[]) => void, onRow: (cells: string[]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let header = true;
    const stream = createReadStream(path, { encoding: 'utf8' });
    stream.on('error', reject);
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      skipEmptyLines: true,
      chunk(results, parser) {
        const data = results.data;
        try {
          for (let i = 0; i < data.length; i++) {
            if (header) {
              header = false;
              onHeader(data[i]);
            } else onRow(data[i]);
          }
        } catch (err) {
          // A throw inside papaparse's stream handler would escape the promise.
          // Reject first: abort() calls complete() at once.
          reject(err);
          parser.abort();
          stream.destroy();
        }
      },
      complete() {
        resolve();
      },
      error(err: Error) {
        reject(new UserError(`cannot read ${path}: ${err.message}`));
      },
    });
  });
}

/**
 * Streams the named columns of a CSV file (in any order in the file; a
 * missing optional column reads as ''), calling `onRow` with their cells in
 * the order asked. A missing required column is a UserError.
 */
export async function streamColumns(path: string, names: readonly string[], required: readonly string[], onRow: (cells: string[]) => void): Promise<void> {
  let ix: number[] = [];
  const out: string[] = new Array(names.length).fill('');
  await streamCsvRows(
    path,
    (fields) => {
      ix = names.map((n) => fields.indexOf(n));
      const missing = required.filter((n) => !fields.includes(n));
      if (missing.length) throw new UserError(`${path}: no column ${missing.join(', ')} (see docs/outputs.md)`);
    },
    (c) => {
      for (let i = 0; i < ix.length; i++) out[i] = ix[i] >= 0 ? c[ix[i]] ?? '' : '';
      onRow(out);
    },
  );
}

function asRecord(x: unknown): Record<string, unknown> | null {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** Reads and aggregates everything a report shows from output folder `dir`. */
export async function readOutputs(dir: string, options: ReadOptions = {}): Promise<ReportData> {
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new UserError(`no such folder: ${dir}`);
  }
  if (!isDir) throw new UserError(`not a folder: ${dir} (give the output folder of a run, e.g. out/default)`);
  const inputs: Record<string, boolean> = {};
  for (const f of INPUT_FILES) inputs[f] = await isFile(join(dir, f));
  if (!INPUT_FILES.some((f) => inputs[f])) {
    throw new UserError(`${dir} holds no run outputs (none of ${INPUT_FILES.join(', ')}): run \`iesim run\` first`);
  }
  const path = (f: string) => join(dir, f);

  const manifest = inputs['manifest.json'] ? asRecord(await readJson(path('manifest.json'))) : null;
  const summary = inputs['summary.json'] ? asRecord(await readJson(path('summary.json'))) : null;
  const checks = inputs['checks.json'] ? normalizeChecks(await readJson(path('checks.json'))) : null;
  const start = summary && typeof summary.start === 'string' ? parseTime(summary.start) : NaN;
  const horizon = summary && typeof summary.horizon === 'string' ? parseTime(summary.horizon) : NaN;

  const size = Math.max(1, Math.min(MAX_GANTT_JOBS, Math.floor(options.ganttJobs ?? DEFAULT_GANTT_JOBS)));

  // jobs.csv: pass 1 collects the job IDs and turnarounds; the sample is every k-th ID in order;
  // pass 2 reads what jobs.csv says about the sampled jobs.
  let jobsTally: JobsTally | null = null;
  let sample: JobsSample | null = null;
  if (inputs['jobs.csv']) {
    const tally = new JobsTally();
    await streamColumns(path('jobs.csv'), ['job', 'type', 'turnaround_days'], ['job'], (c) => tally.addRow(c[0], c[1], c[2]));
    jobsTally = tally;
    const picked = sampleIds(tally.ids, size);
    const s = new JobsSample(picked.ids, picked.every);
    await streamColumns(path('jobs.csv'), ['job', 'type', 'drives', 'final_state'], ['job'], (c) => s.addRow(c[0], c[1], c[2], c[3]));
    sample = s;
  }

  let gantt: ReportData['gantt'] = null;
  let timeInState: ReportData['timeInState'] = null;
  let ruleFirings: ReportData['ruleFirings'] = null;
  let eventRows: number | null = null;
  let warnings: string[] = [];
  if (inputs['events.csv']) {
    const agg = new EventAggregator({
      start: Number.isFinite(start) ? start : null,
      sample: sample ? new Set(sample.jobs.map((j) => j.job)) : null,
      fallbackSize: size,
    });
    warnings = eventWarnings(path('events.csv'), await readEvents(path('events.csv'), agg, options.onRead));
    const res = agg.finish(Number.isFinite(horizon) ? horizon : null);
    eventRows = res.rows;
    timeInState = res.timeInState;
    ruleFirings = res.ruleFirings;
    const total = jobsTally?.count ?? res.seenJobs.length;
    gantt = assembleGantt(sample?.jobs ?? null, res, total, sample?.every ?? 1);
  }

  let timeseries: ReportData['timeseries'] = null;
  if (inputs['timeseries.csv']) {
    const rows: TimeseriesRow[] = [];
    await streamCsv(path('timeseries.csv'), (r) => {
      const row = timeseriesRow(r);
      if (row) rows.push(row);
    });
    timeseries = bucketTimeseries(rows);
  }

  let sweep: ReportData['sweep'] = null;
  if (inputs['sweep.csv']) {
    const records: CsvRecord[] = [];
    const fields = await streamCsv(path('sweep.csv'), (r) => records.push(r));
    sweep = sweepRows(records, fields);
  }

  return {
    dir, manifest, summary, checks, gantt, timeseries, timeInState,
    turnaround: jobsTally ? jobsTally.turnaround : null,
    ruleFirings, sweep, eventRows, inputs, warnings,
  };
}
