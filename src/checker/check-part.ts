/**
 * One thread's share of a two-thread check (partition.ts): the whole file
 * read, the rows of partition `index` of `count` checked. Run by this thread
 * and by the worker (part-worker.ts) alike.
 */
import { processText, readByteRecords, type ReadProgress } from './byte-records.js';
import { TimelineChecker } from './checker.js';
import { TimelineFormatError } from './format-error.js';
import { Partition } from './partition.js';
import { RowReader } from './row-reader.js';
import type { PartResult } from './merge-parts.js';
import type { CheckOptions } from './types.js';
import { warmUp } from './warm-up.js';

export const EMPTY = (): TimelineFormatError =>
  new TimelineFormatError(1, 'time', 'the file is empty: expected the header time,kind,entity,id,job,from,to,rule', 1);

export async function checkPart(path: string, options: CheckOptions | undefined, index: number, count: number, onRead?: ReadProgress): Promise<PartResult> {
  await warmUp(path, options, index, count);
  const checker = new TimelineChecker(options);
  const partition = new Partition(index, count);
  checker.partition = partition;
  const rows = new RowReader(checker, partition);
  await readByteRecords(path, rows, undefined, onRead);
  if (!rows.sawHeader) throw EMPTY();
  return checker.finishPart();
}

/** checkPart for a timeline held in a string (tests: every share on this thread, one after the other). */
export function checkTextPart(text: string, options: CheckOptions | undefined, index: number, count: number): PartResult {
  const checker = new TimelineChecker(options);
  const partition = new Partition(index, count);
  checker.partition = partition;
  const rows = new RowReader(checker, partition);
  processText(text, rows);
  if (!rows.sawHeader) throw EMPTY();
  return checker.finishPart();
}

/** A share's outcome as a thread sends it: its result, or the format error that stopped it. */
export type PartOutcome =
  | { part: PartResult }
  | { formatError: { line: number; column: string; detail: string; columnIndex?: number } };

export async function partOutcome(path: string, options: CheckOptions | undefined, index: number, count: number, onRead?: ReadProgress): Promise<PartOutcome> {
  try {
    return { part: await checkPart(path, options, index, count, onRead) };
  } catch (err) {
    if (!(err instanceof TimelineFormatError)) throw err;
    return { formatError: { line: err.line, column: err.column, detail: err.detail, ...(err.columnIndex !== undefined ? { columnIndex: err.columnIndex } : {}) } };
  }
}
