/**
 * Checking a file on two threads (this one and a worker), partitioned by job
 * (partition.ts), merged into exactly the one-thread result (merge-parts.ts).
 * Where the merge cannot be sure of that (partition.ts and other-rows.ts say
 * when), the file is checked again on one thread: a timeline the simulator
 * wrote never needs that; a broken one (past the violation cap, or with
 * drives named under two jobs) may.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import type { ReadProgress } from './byte-records.js';
import { checkTextPart, partOutcome, type PartOutcome } from './check-part.js';
import { TimelineFormatError } from './format-error.js';
import { mergeParts } from './merge-parts.js';
import type { CheckOptions, CheckResult } from './types.js';

/** The merged result, or null when only one thread can give it (`why` says why). */
export async function checkInTwoThreads(path: string, options: CheckOptions | undefined, onRead: ReadProgress | undefined, why: { reason: string }): Promise<CheckResult | null> {
  const script = workerScript(import.meta.url, './part-worker', 'checker', 'the checker threads');
  const worker = new Worker(script, { workerData: { path, options, index: 1, count: 2 } });
  const theirs = new Promise<PartOutcome>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`checker thread exited with code ${code} before its result`)));
  });
  theirs.catch(() => undefined); // heard below; not an unhandled rejection while this thread works
  let outcomes: PartOutcome[];
  try {
    outcomes = [await partOutcome(path, options, 0, 2, onRead), await theirs];
  } finally {
    await worker.terminate();
  }
  // Both threads validate every row's time and split every record; each validates the rest of its own
  // rows. The first error by line is the one the single thread meets first (at one line, the same error).
  let first: TimelineFormatError | null = null;
  for (const o of outcomes) {
    if ('formatError' in o && (first === null || o.formatError.line < first.line)) {
      const e = o.formatError;
      first = new TimelineFormatError(e.line, e.column, e.detail, e.columnIndex);
    }
  }
  if (first !== null) throw first;
  return mergeParts(outcomes.map((o) => ('part' in o ? o.part : null)!), why);
}

/**
 * The two-thread check of a timeline held in a string, both shares run on
 * this thread (tests of the partitioning and the merge): the merged result,
 * or null with `why` set. Throws the format error one thread would.
 */
export function checkTextInParts(text: string, options: CheckOptions | undefined, why: { reason: string }, count = 2): CheckResult | null {
  let first: TimelineFormatError | null = null;
  const parts = [];
  for (let i = 0; i < count; i++) {
    try {
      parts.push(checkTextPart(text, options, i, count));
    } catch (err) {
      if (!(err instanceof TimelineFormatError)) throw err;
      if (first === null || err.line < first.line) first = err;
    }
  }
  if (first !== null) throw first;
  return mergeParts(parts, why);
}
