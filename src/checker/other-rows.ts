/**
 * A row another thread checks (partition.ts), seen from this thread: what
 * this thread holds that the row's own thread would have consulted on one
 * thread. Only a few kinds of row can reach across jobs:
 * - a put with `reexport-of=B`: on one thread R-RETURN-LOST is reported
 *   unless B's return was reported lost, and B may be this thread's job. Its
 *   thread reports the violation; this one notes the line, and the merge
 *   (merge-parts.ts) takes the violation back;
 * - a ship row registering a customer package this thread has registered for
 *   one of its jobs (one thread keeps the first job's only);
 * - a drive row with an empty job column (orphan, drive of no job), whose
 *   drive, carrier job (`with=`), package or "reported unknown" memory this
 *   thread may hold.
 * The last two are marked unsafe (the file is then checked on one thread):
 * the simulator writes neither.
 */
import type { CheckState } from './context.js';
import type { Partition } from './partition.js';
import type { CheckRow } from './row.js';

export function otherRow(ctx: CheckState, partition: Partition, row: CheckRow, line: number): void {
  if (row.kind === 'put') {
    const lost = ctx.details.get(row.detail).get('reexport-of');
    if (lost !== undefined && ctx.lostJobs.has(lost)) ctx.retractions.push(line);
    return;
  }
  if (row.kind === 'ship') {
    if (row.rule !== 'R-FINISH' && row.package !== '' && ctx.packages.has(row.package)) partition.mark(line, 'a package shipped by jobs of both threads');
    return;
  }
  if (row.job !== '') return;
  const carrier = row.detail.includes('with=') ? ctx.details.get(row.detail).get('with') : undefined;
  if (ctx.knowsDrive(row.id) || ctx.remembersUnknown('drive', row.id) || (carrier !== undefined && ctx.knowsJob(carrier)) || (row.package !== '' && ctx.packages.has(row.package))) {
    partition.mark(line, `drive ${row.id} of no job, known to both threads`);
  }
}
