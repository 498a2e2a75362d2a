/**
 * Reading ahead what checking a batch of rows will read (span-batch.ts).
 * On the 1M timeline a dependent read of a random record costs ~250 ns on
 * the reference machine (a cache and TLB miss; measured with a random-lookup
 * loop), and a row's check chains several: table slot → record → its drive
 * list → a drive, its timers. Row by row, each waits for the one before.
 * Here the batch's rows are read ahead in one tight loop whose rows do not
 * depend on each other, so the processor keeps several rows' misses in
 * flight at once, and the checks that follow find their records in the
 * cache. Nothing read here decides anything: a record found here is not
 * trusted (the check looks it up again), it was only brought near.
 *
 * (Splitting this loop into one pass per level of the chain, so that each
 * pass holds only independent reads, measured no faster.)
 */
import type { CompactJob } from './compact.js';
import type { IdTable } from './id-table.js';
import type { DriveRec, JobRec } from './records.js';
import type { Registry } from './registry.js';
import { MAX_FIELDS } from './byte-records.js';
import type { SpanBatch } from './span-batch.js';

const ID = 3;
const JOB = 4;
const ENTITY = 2;
const DRIVE_LENGTH = 'drive'.length;

export class BatchWarmer {
  /** What the reads added up to: kept so that they are not optimized away. */
  warmth = 0;

  constructor(
    private readonly jobs: Registry<JobRec>,
    private readonly drives: Registry<DriveRec>,
    private readonly compacted: IdTable<CompactJob>,
  ) {}

  warm(b: SpanBatch): void {
    const n = b.size, s = b.starts, e = b.ends, h = b.hashes;
    let w = 0;
    for (let k = 0, at = 0; k < n; k++, at += MAX_FIELDS) {
      const jobLen = e[at + JOB] - s[at + JOB];
      const job = this.jobs.peek(h[at + JOB], jobLen);
      if (job !== undefined) w ^= warmJob(job);
      else if (jobLen > 0) w ^= this.compacted.peek(h[at + JOB], jobLen)?.bits ?? 0; // a finished job's deliver or delete
      if (e[at + ENTITY] - s[at + ENTITY] !== DRIVE_LENGTH) continue;
      // A drive row: its drive, and the job it belongs to (its state row reads both).
      const x = this.drives.peek(h[at + ID], e[at + ID] - s[at + ID]);
      if (x !== undefined) w ^= (x.state === null ? 1 : 0) ^ (x.onSite ? 1 : 0) ^ (x.job === null ? 0 : warmJob(x.job));
    }
    this.warmth ^= w;
  }
}

/**
 * What checking a row of this job reads, each on its own cache line (a
 * record spans several; its lists and timers are objects of their own): its
 * flags and instant (every row touches them), its drive list and first drive
 * (the instant-end checks), its timers (a state change disarms them).
 */
function warmJob(j: JobRec): number {
  let w = j.flags ^ (j.instant === 0 ? 1 : 0) ^ (j.state === null ? 1 : 0);
  const d = j.drives;
  if (d.length > 0) w ^= d[0].state === null ? 1 : 0;
  if (j.tExpire !== null) w ^= j.tExpire.armedLine;
  if (j.tNever !== null) w ^= j.tNever.armedLine;
  if (j.tOverdue !== null) w ^= j.tOverdue.armedLine;
  if (j.tRetention !== null) w ^= j.tRetention.armedLine;
  return w;
}
