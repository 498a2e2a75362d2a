/**
 * Two threads' shares of a check (partition.ts) merged into the one-thread
 * result, or null when the merge cannot know it (the caller then checks the
 * file on one thread).
 *
 * One thread keeps the first MAX_STORED_VIOLATIONS violations in the order it
 * finds them, then sorts them by time and ID (ties in that order). A thread
 * finds its violations in the same order as one thread would, and notes where
 * it was for each: the line, the stage of reading it (the previous instant's
 * end checks, timers that passed, the row itself) and, among the timers, the
 * due time of the one firing. Between threads, what was found earlier by
 * that was found first; within one (line, stage, due time) the order between
 * threads is not known: when the cap cuts through such a group that both
 * threads found violations in, or two violations of both threads in one
 * group tie on time and ID, the merge gives up. Every thread keeps its own
 * first MAX_STORED_VIOLATIONS, a superset of its share of the merged first
 * ones, unless the merge takes some back (re-exports): running out of a
 * thread that stored fewer than it found gives up too.
 */
import { RULE_IDS } from '../spec/rules.js';
import { MAX_STORED_VIOLATIONS, type CheckResult, type Violation } from './types.js';
import { ROW } from './context.js';

/** What one thread sends back (checker.ts finishPart). */
export interface PartResult {
  rows: number;
  /** Stored violations in the order found, where each was found (line × 4 + stage) and its order within that (ViolationLog). */
  violations: Violation[];
  foundAt: number[];
  foundSub: number[];
  byRule: Record<string, number>;
  /** Every violation found, stored or not. */
  total: number;
  /** Unknown IDs this thread remembered (context.ts flagUnknown). */
  unknownAdds: number;
  /** Lines of this thread's re-export puts that it reported (R-RETURN-LOST). */
  reexports: number[];
  /** Lines of the other thread's re-export puts whose R-RETURN-LOST this thread takes back (other-rows.ts). */
  retractions: number[];
  rememberedReturns: string[];
  /** Why this thread's share may differ from one thread's, or null. */
  unsafe: string | null;
}

/** context.ts's MAX_REMEMBERED_UNKNOWN: past it one thread reports an unknown ID every time. */
const MAX_REMEMBERED_UNKNOWN = 10_000;

interface Found {
  v: Violation;
  at: number;
  sub: number;
  part: number;
  /** Order within its thread. */
  seq: number;
}

/** The merged result, or null with `why` set when only one thread can say it. */
export function mergeParts(parts: PartResult[], why: { reason: string }, cap = MAX_STORED_VIOLATIONS): CheckResult | null {
  const give = (reason: string): null => {
    why.reason = reason;
    return null;
  };
  for (const p of parts) if (p.unsafe !== null) return give(p.unsafe);
  if (parts.some((p) => p.rows !== parts[0].rows)) return give('the threads read different row counts');
  if (parts.reduce((n, p) => n + p.unknownAdds, 0) >= MAX_REMEMBERED_UNKNOWN) return give('too many unknown IDs to remember');
  const returns = new Set<string>();
  for (const p of parts) for (const r of p.rememberedReturns) {
    if (returns.has(r)) return give(`return package ${r} remembered by both threads`);
    returns.add(r);
  }
  const lists: Found[][] = parts.map((p, part) => p.violations.map((v, seq) => ({ v, at: p.foundAt[seq], sub: p.foundSub[seq], part, seq })));
  const byRule: Record<string, number> = {};
  for (const r of RULE_IDS) byRule[r] = parts.reduce((n, p) => n + (p.byRule[r] ?? 0), 0);
  const unstored = parts.map((p) => p.total - p.violations.length);
  // A re-export put's R-RETURN-LOST that another thread's lost job answers (other-rows.ts).
  for (let q = 0; q < parts.length; q++) {
    for (const line of parts[q].retractions) {
      for (let p = 0; p < parts.length; p++) {
        if (p === q || !parts[p].reexports.includes(line)) continue;
        byRule['R-RETURN-LOST']--;
        const at = line * 4 + ROW;
        const i = lists[p].findIndex((f) => f.at === at && f.v.rule === 'R-RETURN-LOST' && f.v.message.startsWith('re-export of job '));
        if (i >= 0) lists[p].splice(i, 1);
        else unstored[p]--;
      }
    }
  }
  const kept = firstFound(lists, unstored.map((n) => n > 0), cap);
  if (kept === null) return give('the violation cap cuts through violations two threads found at one stage of one line');
  kept.sort(byTimeThenId);
  for (let i = 1; i < kept.length; i++) {
    const a = kept[i - 1], b = kept[i];
    if (a.part !== b.part && a.at === b.at && a.sub === b.sub && a.v.time === b.v.time && a.v.id === b.v.id) {
      return give('two threads found violations of one ID at one time and stage');
    }
  }
  return { rows: parts[0].rows, violations: kept.map((f) => f.v), byRule };
}

/** Orders where violations were found: line and stage, then the due time of a firing timer. */
function before(a: Found, b: Found): boolean {
  return a.at < b.at || (a.at === b.at && a.sub < b.sub);
}

/**
 * The first `cap` violations found, over all threads; null when that is not
 * known: the cap cuts a group found at one stage of one line by two threads,
 * or a thread that stored only some of its violations (`truncated`) runs out.
 */
function firstFound(lists: Found[][], truncated: boolean[], cap: number): Found[] | null {
  const out: Found[] = [];
  const next = lists.map(() => 0);
  while (out.length < cap) {
    let head: Found | null = null;
    for (let p = 0; p < lists.length; p++) {
      if (next[p] < lists[p].length) {
        const f = lists[p][next[p]];
        if (head === null || before(f, head)) head = f;
      } else if (truncated[p]) {
        return null;
      }
    }
    if (head === null) break;
    const group: Found[] = [];
    let parts = 0;
    for (let p = 0; p < lists.length; p++) {
      const start = group.length;
      for (; next[p] < lists[p].length; next[p]++) {
        const f = lists[p][next[p]];
        if (f.at !== head.at || f.sub !== head.sub) break;
        group.push(f);
      }
      if (group.length > start) parts++;
    }
    if (out.length + group.length > cap) {
      if (parts > 1) return null;
      group.length = cap - out.length;
    }
    for (const f of group) out.push(f);
  }
  return out;
}

/** ViolationLog.sorted's order; ties between threads by where they were found, within one by the order found. */
function byTimeThenId(a: Found, b: Found): number {
  if (a.v.time !== b.v.time) return a.v.time < b.v.time ? -1 : 1;
  if (a.v.id !== b.v.id) return a.v.id < b.v.id ? -1 : 1;
  // Within a thread the order found is also the order of (at, sub): one total order.
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.sub !== b.sub) return a.sub < b.sub ? -1 : 1;
  return a.part !== b.part ? a.part - b.part : a.seq - b.seq;
}
