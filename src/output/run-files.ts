/**
 * The sink that writes a run's CSV files (events.csv, jobs.csv, drives.csv,
 * timeseries.csv) into a folder; see docs/outputs.md. Times are formatted
 * here, once per row, with a cached ISO formatter.
 */
import { join } from 'node:path';
import { IsoFormatter } from '../sim/time.js';
import { TIMELINE_COLUMNS } from '../spec/timeline.js';
import type { ModelSink } from '../model/sink.js';
import { DAY_COLUMNS, DRIVE_COLUMNS, JOB_COLUMNS, dayCells, driveCells, jobCells, type DayRecord, type DriveRecord, type JobRecord } from '../model/records.js';
import { CsvPipeline, type CsvSink } from './csv-pipeline.js';

export interface RunFilesOptions {
  /** Write events.csv (false when the timeline is off). */
  timeline: boolean;
}

export class RunFiles implements ModelSink {
  // csv-stringify runs on a worker thread; this thread only builds the rows.
  private readonly pipeline = new CsvPipeline();
  private readonly files: CsvSink[] = [];
  private readonly events?: CsvSink;
  private readonly jobs: CsvSink;
  private readonly drives: CsvSink;
  private readonly days: CsvSink;
  private readonly iso = new IsoFormatter();
  private readonly recordIso = new IsoFormatter();
  private readonly format = (ms: number) => this.recordIso.format(ms);

  constructor(dir: string, private readonly startMs: number, options: RunFilesOptions) {
    if (options.timeline) this.events = this.add(this.pipeline.open(join(dir, 'events.csv'), TIMELINE_COLUMNS));
    this.jobs = this.add(this.pipeline.open(join(dir, 'jobs.csv'), JOB_COLUMNS));
    this.drives = this.add(this.pipeline.open(join(dir, 'drives.csv'), DRIVE_COLUMNS));
    this.days = this.add(this.pipeline.open(join(dir, 'timeseries.csv'), DAY_COLUMNS));
  }

  private add(f: CsvSink): CsvSink {
    this.files.push(f);
    return f;
  }

  row(time: number, kind: string, entity: string, id: string, job: string, from: string, to: string, rule: string, pkg: string, detail: string): void {
    this.events?.write([this.iso.format(time), kind, entity, id, job, from, to, rule, pkg, detail]);
  }

  job(r: JobRecord): void {
    this.jobs.write(jobCells(r, this.format, this.startMs));
  }

  drive(r: DriveRecord): void {
    this.drives.write(driveCells(r.drive, this.format, this.startMs));
  }

  day(r: DayRecord): void {
    this.days.write(dayCells(r, this.format, this.startMs));
  }

  get eventRows(): number {
    return this.events?.rows ?? 0;
  }

  get needsDrain(): boolean {
    return this.pipeline.needsDrain;
  }

  async drain(): Promise<void> {
    await this.pipeline.drain();
  }

  async close(): Promise<void> {
    for (const f of this.files) f.flush();
    await this.pipeline.close();
  }

  /** Stops writing (the run failed; its folder is discarded). */
  async abort(): Promise<void> {
    await this.pipeline.abort();
  }
}
