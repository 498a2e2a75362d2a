/**
 * Collects violations: every one is counted (per rule, exactly), the first
 * MAX_STORED_VIOLATIONS are kept, so a broken 10-million-row timeline cannot
 * exhaust memory through its report.
 */
import { RULE_IDS, type RuleId } from '../spec/rules.js';
import { MAX_STORED_VIOLATIONS, type Violation } from './types.js';

export class ViolationLog {
  private readonly stored: Violation[] = [];
  /**
   * Where each stored violation was found: the line being read (or the end)
   * and the stage of reading it (context.ts CheckState.stage). Two threads' logs are merged by it (merge-parts.ts), as the one
   * thread would have found them.
   */
  private readonly foundAt: number[] = [];
  /** Among violations found at one foundAt, what orders them across threads where known (a firing timer's due time). */
  private readonly foundSub: number[] = [];
  private readonly counts = new Map<RuleId, number>();
  total = 0;

  constructor(private readonly cap = MAX_STORED_VIOLATIONS) {}

  add(v: Violation, foundAt = 0, foundSub = 0): void {
    this.total++;
    this.counts.set(v.rule, (this.counts.get(v.rule) ?? 0) + 1);
    if (this.stored.length < this.cap) {
      this.stored.push(v);
      this.foundAt.push(foundAt);
      this.foundSub.push(foundSub);
    }
  }

  /** The stored violations in the order found, and where each was found (a thread's share, for merge-parts.ts). */
  found(): { violations: Violation[]; foundAt: number[]; foundSub: number[] } {
    return { violations: this.stored, foundAt: this.foundAt, foundSub: this.foundSub };
  }

  /** Sorted by time, then id; ties keep the order found (Array#sort is stable). */
  sorted(): Violation[] {
    return [...this.stored].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  byRule(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of RULE_IDS) out[r] = this.counts.get(r) ?? 0;
    return out;
  }
}
