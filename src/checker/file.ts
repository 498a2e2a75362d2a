/**
 * Checking a whole timeline: from a file (streamed) or from text (tests, small inputs).
 * Both go through the byte reader (byte-records.ts, row-reader.ts).
 *
 * A file of TWO_THREADS_FROM bytes or more is checked on two threads
 * partitioned by job (two-threads.ts; round 6 below). An earlier split, a
 * worker reading, tokenizing and validating into typed-array batches and
 * this thread checking, measured no faster on the 2-core reference machine
 * (0.41–0.54 M against 0.44–0.50 M rows/s): the checking half alone costs
 * more than the reading half, and both allocate enough that their
 * collectors compete for the two cores.
 *
 * Where the time goes (1M-job bench timeline, 26.4M rows, 0 violations; the
 * reference machine is a VM, 2 cores shared with other benchmarks, 4 KB
 * pages). Memory latency first: a dependent read of a random record costs
 * ~250 ns, and a row's check chains several (ID table slot → record entry →
 * record → its job). Done for it earlier: IDs found from their bytes in an
 * IdTable (id-table.ts), finished jobs compacted (compact.ts), timers in FIFO
 * lines per kind (timer-queue.ts), per-instant lists that keep their storage
 * (instant-list.ts), rows validated in place. Tried and dropped: reading 64
 * rows' records ahead in one loop so their misses overlap (~8% more CPU: the
 * misses moved into that loop, and page walks run only a few at a time).
 *
 * The collector second: everything of a job lives for weeks, so it is copied
 * by two scavenges, promoted, and dies old (`--trace-gc`, 100k file: ~40
 * scavenges, ~0.8 s of ~6 s; mark-compacts <0.1 s). So the heap was made
 * smaller and emptier:
 * - timers are slots of typed arrays reused through a free list
 *   (timer-pool.ts), not objects with two boxed doubles (~8M of them made
 *   at the 1M scale, ~400k queued at once);
 * - a job's six lists start as one shared empty array and grow by exact
 *   copies (job-record.ts NONE), not six arrays with room for 17 each;
 * - job and drive records keep type/role, states and flags as bits of one
 *   integer behind accessors (328 → 200 and 184 → 104 bytes each);
 * - a compacted job keeps its superseded expiries itself (compact.ts): they
 *   had made its "rare" part common;
 * - a drive row's job column is matched against the drive's own job
 *   (row-reader.ts): no job-table probe on ~half the rows.
 * Measured on the 1M file, main's build and this one alternated, 3 runs
 * each (load 1.2–1.8): main 83–104 s CPU, 0.28–0.36 M rows/s, peak RSS
 * 1295–1322 MiB; here 67–86 s CPU, 0.34–0.43 M rows/s, 778–790 MiB (min
 * CPU −19%, best rows/s +21%, RSS −40%). Of that, the packed records (the
 * bits) are ~120 MiB of the RSS and no CPU within the noise. 100k file
 * (2.0M rows): main 6.5–7.1 s CPU, 370 MiB; here 5.8–7.2 s, 253–256 MiB.
 * Live heap after a full GC at the same point of the 100k file (39k jobs,
 * 117k drives, 25k compacted, 190k timers): 112 → 58 MiB. Memory now meets the <1 GB target; CPU is still ~2.5× short of
 * 1M rows/s.
 *
 * Job and drive records are not typed-array rows (yet), for two reasons.
 * A slot may be reused only when nothing names it, and a drive is named by
 * its job's lists, by other jobs' orphan lists, by the registry, by its
 * timers and by the instant lists: each needs a reference count (timers
 * have one holder each, so a free list was enough for them). And a row does
 * not save misses: its numbers in one array and its strings (ID, job,
 * package) and job pointer in others are as many cache lines as the object.
 *
 * Round 5 (branch perf-checker5). Profile before it (1M, one run, --cpu-prof):
 * ID lookups ~20%, the collector ~13% (--trace-gc: 360 scavenges, 9.8 s;
 * mark-compacts 0.1 s), splitting ~8%, interning and validating the
 * vocabulary ~7%, compaction's table updates ~8%. Done, each measured:
 * - the vocabulary (kind, entity, from, to, rule) read as codes from a small
 *   cache of field bytes and validated by bit tests (vocabulary.ts), not an
 *   interned string per field and five Map lookups (row.ts, which still
 *   reports any row the codes do not pass);
 * - no boxed doubles in records: a NaN-initialised number field is a
 *   HeapNumber of its own per record in V8 (DebugPrint), one more object
 *   for every scavenge to copy; per-instant flags name the instant by an
 *   ordinal, rare times (cancel, reply) and a drive's arrival start null;
 * - no HeapNumber per row: V8 boxes a double passed to or returned from a
 *   call it does not inline. The sampling heap profiler with collected
 *   objects (HeapProfiler.startSampling, includeObjectsCollectedByMinorGC)
 *   showed ~60 MB per 100k jobs from the parsed time, the timer queue's
 *   peekDue and accept; times now travel in the reused row (CheckRow.t) and
 *   the queue keeps its heads in typed arrays (dueBefore, dueBy);
 * - details parsed once per distinct text (detail-cache.ts), IdTable growth
 *   without a view per slot, no slice to find a drive's compacted job: with
 *   the above, 311 → ~170 MB allocated on the 100k file, what is left mostly
 *   the long-lived records;
 * - one probe where two were (IdTable set, take, replaceIf, deleteIf);
 * - a drive row's job column matched against the row's own ID column when
 *   the drive's ID starts with its job's (DriveRec.jobIdLength): no read of
 *   the job's ID string, a miss on ~half the rows.
 * Measured (`/usr/bin/time -f "%U %S %e %M" node --expose-gc
 * dist/bench/case.js check <file>`, main's build and this one alternated,
 * CPU = user + sys): 1M file, 3 runs each (load 1.5–2.2): main 73.3–77.3 s
 * CPU, best 0.401 M rows/s, peak RSS 781–782 MiB; here 67.5–71.9 s, best
 * 0.437 M rows/s, 764–769 MiB (min CPU −8%, best rows/s +9%). 100k file, 5
 * runs each (load ~2–4): main 7.6–9.8 s CPU (median 8.6), here 6.4–8.5 s
 * (median 7.6). The 100k file gains more than the 1M one: at 1M the misses
 * of the ID lookups and of the records, which this round barely touched,
 * are a larger share. The collector (--trace-gc, 1M, one run each): 341 →
 * 221 scavenges, but 9.7 s → 9.8 s of them: a scavenge's cost is copying
 * what survives, the long-lived records (each copied twice, ~1 KB per job),
 * not the garbage; fewer, fuller scavenges cost the same.
 * Tried and dropped in this round (measured, no gain or worse):
 * - ID table slots as SMIs and the record's pointer in one plain array, so
 *   a lookup is one miss and not two (slot, then record entry): at 1M CPU
 *   +12% and peak RSS 1005 MiB (the array is 64 bytes a slot, all of it
 *   traced by the collector);
 * - records made by object literals (`{ __proto__: … }`) for V8's
 *   allocation-site pretenuring (a microbenchmark: 218 → 10 scavenges): on
 *   the 1M file 222 scavenges, 7.6 s against 237, 6.4 s, one run each
 *   (--trace-pretenuring-statistics, 100k: the sites mostly stayed "maybe
 *   tenure", which V8 turns into "tenure" only at a full-size new space);
 * - a one-comparison fast path for ordinary bytes in the splitter (the
 *   splitter alone, 100k file in memory: 138 → 169 ns a row);
 * - a larger young generation (--max-semi-space-size=64): more CPU.
 *
 * Round 6 (branch perf-checker6): two threads by job. This thread and a
 * worker (part-worker.ts) each read and split the whole file (the page cache
 * is shared) and take every row's time, so instants end and timers fire at
 * the same rows as on one thread; each checks only the rows of its jobs
 * (partition.ts: a hash of the job column; an orphan or a drive of no job
 * goes with its `with=` job, else by its ID, remembered for its later rows).
 * Each logs where it found every violation (line, stage of the line,
 * a firing timer's due time) and merge-parts.ts rebuilds the one-thread
 * result from the two logs: the first 10,000 by where they were found, then
 * sorted; the counts summed. A re-export whose lost job is the other
 * thread's has its R-RETURN-LOST taken back (other-rows.ts). Format errors:
 * both threads check every row's time and CSV, each the rest of its own
 * rows; the error of the lowest line is the one-thread error. What the
 * merge cannot know exactly, it says, and the file is checked again on one
 * thread: a drive row whose ID is not its job's plus `-suffix`, a drive of
 * no job the other thread knows (also an orphan found only by the package
 * of the other thread's job: the simulator always writes `with=`), a
 * package or return package of jobs in both threads, 10,000 unknown IDs,
 * the cap cutting a group of violations both threads found at one stage of
 * one line. The simulator's timelines never need that; of a corpus of 44
 * mutated and malformed timelines made from the default scenario's
 * (/tmp/chk6/corpus.mjs: rows deleted, 1 to 20,000; times shifted; states,
 * rules, packages, job columns and with= changed; rows duplicated; quotes,
 * CRLF, BOM, bad times, kinds, entities, field counts; 6 past the cap, up to
 * 95,840 violations) 5 gave up, all drive/package cases; every result, given
 * up or merged, is byte-identical to main's (JSON of the result, or the
 * same error), as are the 1M, 100k and default files.
 *
 * Measured (`/usr/bin/time -f "%U %S %e %M" node --expose-gc
 * dist/bench/case.js check <file>`, main's build and this one alternated;
 * the machine shared with another engineer's runs, which took one to two
 * of the two cores and changed from minute to minute). 1M file, four
 * rounds of 3 pairs:
 * - quiet (load 1.3–2.4 at the starts): main 56.9, 56.5, 57.2 s (0.46–0.47
 *   M rows/s; CPU 63.1, 63.1, 63.5 s); two threads 38.7, 35.0, 37.1 s
 *   (0.68, 0.76, 0.71 M rows/s; CPU 75.2, 68.4, 72.2 s): −35% wall;
 * - quieter (load 2.1–4.5): main 76.6, 67.7, 58.9 s (0.35,
 *   0.39, 0.45 M rows/s; CPU 76.9, 69.3, 63.6 s); two threads 60.3, 40.4,
 *   35.6 s (0.44, 0.65, 0.74 M rows/s; CPU 81.8, 68.2, 70.7 s);
 * - busier (load 3.4–6.5, the other engineer's runs on ~2 cores): main
 *   58.3, 58.9, 60.2 s and 59.9, 60.4, 63.2 s (0.44–0.45, 0.42–0.44 M
 *   rows/s); two threads 68.6, 76.0, 65.1 s and 73.7, 85.7, 51.7 s (0.35–
 *   0.41, 0.31–0.51 M rows/s; CPU 71–87 s against 57–62 s).
 * Peak RSS (the bench's) 690–832 MiB against 760–772 MiB (two heaps of
 * half the records each). 100k file (2.0M rows), 4 pairs each round, with
 * this build forced to one thread as a third: quiet (load 0.9–1.7) main
 * 4.12, 3.86, 3.58, 4.07 s, two threads 3.72, 3.61, 3.53, 3.70 s, one
 * thread 4.13, 3.80, 3.84, 3.87 s; quieter (load 2.0–2.4) main 4.74, 4.26,
 * 4.63, 4.53 s, two threads 3.82, 4.07, 6.64, 4.06 s, one thread 4.27,
 * 4.49, 5.34, 4.40 s. CPU: main 5.0–6.3 s, two threads 7.1–8.9 s. Peak RSS
 * 229–234 against 273–287 MiB. The 100k file gains less than the 1M one:
 * one thread there already keeps the second core partly busy with the
 * collector's helpers (CPU 1.3× its wall time), and at 1M each thread's
 * records, half of them, miss the caches less. So: two threads win
 * when a second core is free (best 0.74 against 0.45 M rows/s) and lose
 * when it is not: they cost ~15–35% more CPU. Where it goes (shares of
 * the 100k file run alone, --cpu-prof): a share that owns a tenth of the
 * jobs takes 2.0–2.3 s against 5.6 s for the whole check, so reading
 * everything and checking nothing is ~20–25% of one thread (the splitter
 * alone ~9%, then taking the time, ending instants, the timer queue); each
 * of two shares is 3.3–3.5 s, ~60% of one thread, and together ~120%.
 * TWO_THREADS_FROM: the default scenario's 18 MB file takes 0.57–0.65 s on
 * one thread and 0.89–0.96 s on two, 3 runs each (the ~0.3–0.4 s more is
 * mostly the worker's start: an isolate and the checker's modules); the
 * 100k file (159 MB) gains when a core is free.
 * 64 MB is between, on the side of one thread.
 * Tried and dropped: the partition as the mixed hash modulo 2, which is the
 * hash's parity, the parity of the ID's last character: a job J and its
 * re-export JR always fell in one thread (the high bits now decide).
 * What would pay next: a cheaper pass over the other thread's rows (~20%
 * of one thread each; skipping what follows the job column was tried and
 * saved nothing, docs/performance.md: the fields before it are most of the
 * bytes), the merge's sub-order
 * of one line's end-of-instant checks (the line each job was touched at),
 * so a cap cutting such a group need not give up; and, as before, records
 * as typed-array rows with reference counts (the ID lookups' misses and
 * the collector's copying of the long-lived records, ~1 KB per job).
 */
import { processText, readByteRecords, type ReadProgress } from './byte-records.js';
import { TimelineChecker } from './checker.js';
import { RowReader } from './row-reader.js';
import { EMPTY } from './check-part.js';
import { checkInTwoThreads } from './two-threads.js';
import type { CheckOptions, CheckResult } from './types.js';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';

/**
 * Files at least this large are checked on two threads (two-threads.ts). A
 * worker costs its start (~40 ms: a V8 isolate, the checker's modules) and
 * the file is split twice; below this, one thread is as fast.
 */
export const TWO_THREADS_FROM = 64 << 20;

/**
 * Streams a timeline CSV file through the checker. Rejects with
 * TimelineFormatError for an unreadable timeline, and with the file system's
 * error (ENOENT, EISDIR, …) when the file cannot be opened. `onRead` hears
 * how much of the file has been checked, once per chunk (a progress bar).
 * `threads`: 1 or 2; by default 2 for a file of TWO_THREADS_FROM bytes or more
 * on a machine with two cores or more.
 */
export async function checkTimelineFile(path: string, options?: CheckOptions, onRead?: ReadProgress, threads?: 1 | 2): Promise<CheckResult> {
  // A file that cannot be stat'ed goes the one-thread way, which reports why as it always did.
  // On one core a second thread only takes turns with the first.
  const two = threads === undefined
    ? availableParallelism() >= 2 && (await stat(path).then((s) => s.size, () => 0)) >= TWO_THREADS_FROM
    : threads === 2;
  if (two) {
    const why = { reason: '' };
    const r = await checkInTwoThreads(path, options, onRead, why);
    if (r !== null) return r;
  }
  return checkInOneThread(path, options, onRead);
}

async function checkInOneThread(path: string, options?: CheckOptions, onRead?: ReadProgress): Promise<CheckResult> {
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
