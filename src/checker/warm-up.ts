/**
 * A warm-up for a long check: the first rows of the file checked once by a
 * throwaway checker, end of file included, before the real check starts.
 *
 * Why: V8 compiles the checker's hot functions after a few thousand rows,
 * for the kinds of values and branches seen so far. Each branch first taken
 * later (a cancel, an extra drive, the first timer to lapse, a compaction,
 * the end-of-file timers) throws the compiled code of its function away,
 * and V8 compiles it again: on a share of the 100k file, ~85 compilations
 * and ~1 s of compiler CPU. One thread gets that work done on the idle core;
 * two threads each need it, and their compilers take the two cores from
 * the checking (docs/performance.md, the checker). Checking the file's first
 * rows, then finishing that check, shows V8 most of those branches while
 * the code is still cheap to compile.
 *
 * The warm-up is invisible: its checker, records and result are dropped,
 * and any error it meets (a malformed row, the file cut mid-row) is the
 * real check's to report, at the same place.
 */
import { open } from 'node:fs/promises';
import { checkTextPart } from './check-part.js';
import type { CheckOptions } from './types.js';

/** Bytes of the file's start that are checked: ~20k rows of a simulator's timeline, ~0.2 s cold. */
export const WARM_UP_BYTES = 3 << 19;

/** Checks the first WARM_UP_BYTES of `path` (whole rows) as share `index` of `count`, and forgets the result. */
export async function warmUp(path: string, options: CheckOptions | undefined, index: number, count: number): Promise<void> {
  try {
    const text = await firstRows(path);
    if (text !== '') checkTextPart(text, options, index, count);
  } catch {
    // The real check reads the same bytes and reports whatever went wrong, where it went wrong.
  }
}

/** The whole rows among the first WARM_UP_BYTES of the file ('' if none ends there). */
async function firstRows(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(WARM_UP_BYTES);
    const { bytesRead } = await file.read(buf, 0, WARM_UP_BYTES, 0);
    const end = bytesRead > 0 ? buf.lastIndexOf(10, bytesRead - 1) : -1;
    return end < 0 ? '' : buf.toString('utf8', 0, end + 1);
  } finally {
    await file.close();
  }
}
