/**
 * Checking a whole timeline: from a file (streamed) or from text (tests, small inputs).
 * Both go through the byte reader (byte-records.ts, row-reader.ts).
 *
 * One thread on purpose: a two-thread version (a worker reading, tokenizing
 * and validating into typed-array batches, this thread checking) measured
 * no faster on the 2-core reference machine (0.41–0.54 M against 0.44–0.50 M
 * rows/s): the checking half alone costs more than the reading half, and
 * both allocate enough that their collectors compete for the two cores.
 *
 * Measured (1M-job bench timeline, 26.4M rows, 0 violations, machine shared
 * with another benchmark): 0.31 M rows/s (82 s CPU), peak RSS 1.9 GB,
 * against 0.27 M (93 s CPU, 1.8 GB) for the string tokenizer back to back;
 * 100k jobs (2.0M rows): 6.0–7.3 s against 7.1–9.3 s. Reading is no
 * longer the cost: splitting and hashing every field of the 100k file takes
 * 0.4 s of CPU. What remains is cache
 * misses on the checker's state (the Map and record lookups of hundreds of
 * thousands of live jobs and drives, most of them finished and waiting out
 * retention) and the young-generation collector (node
 * --max-semi-space-size=64 saves 10–15%).
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
