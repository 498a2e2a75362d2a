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
 * 0.4 s of CPU.
 *
 * Finished jobs waiting out retention are now compacted (compact.ts): at the
 * 1M scale ~190k of them as CompactJobs, with ~45k rich jobs and ~135k drive
 * records live (was ~260k jobs and ~800k drives). Peak RSS 1.71–1.89 GB →
 * 1.37–1.41 GB; CPU unchanged within the noise (96–106 s user before,
 * 98–112 s after, back to back on the shared machine). The live heap after
 * a full GC is ~300 MB; the peak is the old generation's headroom over it
 * (V8 lets it grow to several times the live size before a full GC, and
 * every record and timer that lives weeks is promoted, then dies there).
 * What remains is cache misses on the registries (ids, Registry.get), the
 * collector, and the timer heap's lazily deleted timers (~400k Timer
 * objects queued at once, most of them disarmed).
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
