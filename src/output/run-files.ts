/**
 * The sink that writes a run's CSV files (events.csv, jobs.csv, drives.csv,
 * timeseries.csv) into a folder; see docs/outputs.md. Timeline rows go to
 * the pipeline cell by cell, their time as epoch ms (the stringify threads
 * format it); so do job and drive records (record-rows.ts). The few day rows
 * are built by records.ts.
 */
import { join } from 'node:path';
import { TIMELINE_COLUMNS } from '../spec/timeline.js';
import type { ModelSink } from '../model/sink.js';
import { DAY_COLUMNS, DRIVE_COLUMNS, JOB_COLUMNS, dayCells, type DayRecord, type DriveRecord, type JobRecord } from '../model/records.js';
import { CsvPipeline, type CsvSink } from './csv-pipeline.js';
import { IsoByDay } from './iso-by-day.js';
import type { WrittenFile } from './ordered-file.js';
import { writeDriveRow, writeJobRow } from './record-rows.js';

export interface RunFilesOptions {
  /** Write events.csv (false when the timeline is off). */
  timeline: boolean;
}

export class RunFiles implements ModelSink {
  // csv-stringify runs on worker threads; this thread only encodes the rows.
  private readonly pipeline = new CsvPipeline();
  private readonly files: CsvSink[] = [];
  private readonly events?: CsvSink;
  private readonly jobs: CsvSink;
  private readonly drives: CsvSink;
  private readonly days: CsvSink;
  private readonly format = new IsoByDay().format;

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
    // Cell by cell, no row array: the timeline is most of the rows. The stringify thread formats the time;
    // kinds, entities, states and rule IDs are words of the vocabulary, the rest any text.
    const e = this.events;
    if (!e) return;
    e.instant(time);
    e.word(kind);
    e.word(entity);
    e.str(id);
    e.str(job);
    e.word(from);
    e.word(to);
    e.word(rule);
    e.str(pkg);
    e.str(detail);
    e.endRow();
  }

  job(r: JobRecord): void {
    writeJobRow(this.jobs, r, this.startMs);
  }

  drive(r: DriveRecord): void {
    writeDriveRow(this.drives, r, this.startMs);
  }

  day(r: DayRecord): void {
    this.days.row(dayCells(r, this.format, this.startMs));
  }

  get eventRows(): number {
    return this.events?.rows ?? 0;
  }

  get needsDrain(): boolean {
    return this.pipeline.needsDrain;
  }

  /** Called as soon as the writers are full (see CsvPipeline.onFull): the run pauses the model. */
  set onFull(f: (() => void) | null) {
    this.pipeline.onFull = f;
  }

  async drain(): Promise<void> {
    await this.pipeline.drain();
  }

  /** Ends the files; says what each holds (manifest.json's hashes). */
  async close(): Promise<WrittenFile[]> {
    for (const f of this.files) f.flush();
    return this.pipeline.close();
  }

  /** Stops writing (the run failed; its folder is discarded). */
  async abort(): Promise<void> {
    await this.pipeline.abort();
  }
}
