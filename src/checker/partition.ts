/**
 * Which thread checks a row, when two threads check one file (file.ts,
 * two-threads.ts). Every thread reads every row and takes its time (so an
 * instant ends and a timer fires at the same row in every thread), but only
 * the thread that owns a row checks it. A row is owned by a hash of its job
 * column: everything of a job (its rows, its drives' rows, its packages, its
 * timers) then lives in one thread.
 *
 * Rows with an empty job column (orphan drives, drives of no job) belong to
 * the job named by their detail's `with=`, else to a hash of their ID; the
 * first row of such a drive fixes its thread for all its later rows, so the
 * routes are remembered (both threads route alike: the route is a function of
 * the rows seen, never of a thread's state).
 *
 * What this cannot see, the threads check and report as `unsafe` (the caller
 * then checks the file on one thread, so the result is always the one-thread
 * result): a drive row whose ID is not its job's ID plus `-suffix` (the same
 * drive might then be named under two jobs), a drive with an empty job
 * column that the other thread knows, a package two threads register, and
 * the rest listed in two-threads.ts.
 */
import { idHash } from './id-table.js';
import { decode } from './intern.js';
import { own } from './strings.js';
import type { DetailCache } from './detail-cache.js';

/** Bits of the filter of IDs routed by route(): tested on every drive row, so it stays small (8 KB). */
const FILTER_BITS = 16;
const FILTER_MASK = (1 << FILTER_BITS) - 1;
const DASH = 45;

export class Partition {
  /** Why the two-thread result may differ from the one-thread one (null: it cannot). */
  unsafe: string | null = null;
  /** Empty-job drive IDs → their thread. */
  private readonly routes = new Map<string, number>();
  /** Bit i set: some routed ID has (idHash & FILTER_MASK) === i. */
  private readonly routed = new Uint8Array(1 << FILTER_BITS);

  constructor(readonly index: number, readonly count: number) {}

  /** The thread that owns a job, from its ID's hash (fieldHash of the bytes, idHash of the text). */
  of(jobHash: number): number {
    // Multiply-shift: the product's high bits mix every bit of the hash (its low bits follow the
    // hash's own low bits, the parity of the ID's last character).
    return Math.floor(((Math.imul(jobHash, 0x9e3779b1) >>> 0) * this.count) / 2 ** 32);
  }

  owns(jobHash: number): boolean {
    return this.of(jobHash) === this.index;
  }

  /** The thread of a drive row with an empty job column, remembered for the drive's later rows. */
  route(id: string, detail: string, details: DetailCache): number {
    let p = this.routes.get(id);
    if (p === undefined) {
      const carrier = detail.includes('with=') ? details.get(detail).get('with') : undefined;
      p = this.of(idHash(carrier !== undefined && carrier !== '' ? carrier : id));
      this.routes.set(own(id), p);
      this.routed[idHash(id) & FILTER_MASK] = 1;
    }
    return p;
  }

  /**
   * Checks a drive row with a job column that this thread owns: its ID must be
   * the job's plus `-suffix` (one ID, one job, one thread), and it must not be a
   * drive routed to the other thread by route() (its text is decoded only when
   * the filter says it may have been).
   */
  checkDriveRow(buf: Buffer, is: number, ie: number, ih: number, js: number, je: number, line: number): void {
    const n = je - js;
    let ok = ie - is > n + 1 && buf[is + n] === DASH;
    for (let i = 0; ok && i < n; i++) ok = buf[is + i] === buf[js + i];
    for (let i = is + n + 1; ok && i < ie; i++) ok = buf[i] !== DASH;
    if (!ok) this.mark(line, 'a drive row whose ID is not its job\'s ID plus a suffix');
    else if (this.routed[ih & FILTER_MASK] === 1) this.checkRouted(decode(buf, is, ie), line);
  }

  /** checkDriveRow for a row read as text. */
  checkDriveText(id: string, job: string, line: number): void {
    const rest = id.startsWith(job) && id.charCodeAt(job.length) === DASH ? id.slice(job.length + 1) : '';
    if (rest === '' || rest.includes('-')) this.mark(line, 'a drive row whose ID is not its job\'s ID plus a suffix');
    else if (this.routed[idHash(id) & FILTER_MASK] === 1) this.checkRouted(id, line);
  }

  private checkRouted(id: string, line: number): void {
    const p = this.routes.get(id);
    if (p !== undefined && p !== this.index) this.mark(line, 'a drive named with and without a job column, in two threads');
  }

  /** Notes the first reason the result may differ from one thread's (with its line, for the notes). */
  mark(line: number, reason: string): void {
    if (this.unsafe === null) this.unsafe = `line ${line}: ${reason}`;
  }
}
