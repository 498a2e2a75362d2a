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
 * What remained was cache misses on the registries (ids, Registry.get), the
 * collector, and the timer heap's lazily deleted timers (~400k Timer
 * objects queued at once, most of them disarmed).
 *
 * Memory latency is the cost now. On the reference machine (a VM, 2 cores
 * shared with other benchmarks, 4 KB pages: no transparent huge pages) a
 * dependent read of a random record costs ~250 ns (random IdTable lookups:
 * ~600 ns each one after the other, ~50 ns each when their reads do not
 * wait on each other), and a row's check chains several: slot → record →
 * drive list → drive, timers. Instructions are not the limit.
 * Done here: IDs found from their bytes in an IdTable (id-table.ts: no
 * decode, no Map; also the compacted jobs and the packages), timers in FIFO
 * lines per kind (timer-queue.ts: the heap's sift was 5.5%, now <1%), the
 * per-instant lists keep their storage (instant-list.ts: `length = 0` freed
 * it, ~80 ns per instant), no closures or arrays on the clean path of the
 * instant-end checks, rows validated in place. 1M timeline, interleaved
 * with main's build (load average 1–5 from the other benchmarks): main
 * 92–109 s wall, 94–106 s CPU, peak RSS 1.41–1.47 GB; this 84–103 s wall,
 * 85–92 s CPU, 1.35–1.40 GB: ~10% less CPU, 0.29 → 0.32 M rows/s at best,
 * far from 1M rows/s.
 * Tried and dropped: checking rows in batches of 64 whose records were read
 * ahead in one loop, so that their misses would overlap. It halves random
 * lookups in a 500k-entry micro-benchmark, but on the 1M file it cost ~8%
 * CPU (85 → 93 s): the loop took 19% of the run, the misses landed there
 * instead of in the handlers, and few overlapped (every random read of a
 * 1.4 GB heap is also a TLB miss, and page walks run a few at a time).
 * Profile now (1M): the ID lookups ~20% (the first read of a row's record
 * pays its misses), the collector ~15% (records, lists and Timer objects
 * of jobs that live for weeks are promoted, then die old), splitting ~6%,
 * the rest spread thin over the handlers. What would pay:
 * a smaller, denser heap (typed-array job, drive and timer records: fewer
 * objects to promote, fewer pages to miss), then two threads by job, which
 * needs the cross-job rules (orphan drives and packages, reexport-of, drives
 * of no job, the unknown-ID memory, the violation cap's discovery order,
 * timers reported at the first row after their due time) kept exact.
 */
import { processText, readByteRecords, type ReadProgress } from './byte-records.js';
import { TimelineFormatError } from './format-error.js';
import { TimelineChecker } from './checker.js';
import { RowReader } from './row-reader.js';
import type { CheckOptions, CheckResult } from './types.js';

const EMPTY = () => new TimelineFormatError(1, 'time', 'the file is empty: expected the header time,kind,entity,id,job,from,to,rule', 1);

/**
 * Streams a timeline CSV file through the checker. Rejects with
 * TimelineFormatError for an unreadable timeline, and with the file system's
 * error (ENOENT, EISDIR, …) when the file cannot be opened. `onRead` hears
 * how much of the file has been checked, once per chunk (a progress bar).
 */
export async function checkTimelineFile(path: string, options?: CheckOptions, onRead?: ReadProgress): Promise<CheckResult> {
  const checker = new TimelineChecker(options);
  const rows = new RowReader(checker);
  await readByteRecords(path, rows, undefined, onRead);
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
