/**
 * Checking a whole timeline: from a file (streamed) or from text (tests, small inputs).
 *
 * One thread on purpose: a two-thread version (a worker reading, tokenizing
 * and validating into typed-array batches, this thread checking) measured
 * no faster on the 2-core reference machine (0.41–0.54 M against 0.44–0.50 M
 * rows/s): the checking half alone costs more than the reading half, and
 * both allocate enough that their collectors compete for the two cores.
 */
import { processText, readByteRecords } from './byte-records.js';
import { TimelineFormatError } from './format-error.js';
import { TimelineChecker } from './checker.js';
import { RowReader } from './row-reader.js';
import type { CheckOptions, CheckResult } from './types.js';

const EMPTY = () => new TimelineFormatError(1, 'time', 'the file is empty: expected the header time,kind,entity,id,job,from,to,rule', 1);

/**
 * Streams a timeline CSV file through the checker. Rejects with
 * TimelineFormatError for an unreadable timeline, and with the file system's
 * error (ENOENT, EISDIR, …) when the file cannot be opened.
 */
export async function checkTimelineFile(path: string, options?: CheckOptions): Promise<CheckResult> {
  const checker = new TimelineChecker(options);
  const rows = new RowReader(checker);
  await readByteRecords(path, rows);
  if (!rows.sawHeader) throw EMPTY();
  return checker.finish();
}

/** Checks a timeline held in a string. */
export function checkTimelineText(text: string, options?: CheckOptions): CheckResult {
  const checker = new TimelineChecker(options);
  const rows = new RowReader(checker);
  processText(text, rows);
  if (!rows.sawHeader) throw EMPTY();
  return checker.finish();
}
