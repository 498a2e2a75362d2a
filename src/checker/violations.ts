/**
 * Collects violations: every one is counted (per rule, exactly), the first
 * MAX_STORED_VIOLATIONS are kept, so a broken 10-million-row timeline cannot
 * exhaust memory through its report.
 */
import { RULE_IDS, type RuleId } from '../spec/rules.js';
import { MAX_STORED_VIOLATIONS, type Violation } from './types.js';

export class ViolationLog {
  private readonly stored: Violation[] = [];
  private readonly counts = new Map<RuleId, number>();
  total = 0;

  constructor(private readonly cap = MAX_STORED_VIOLATIONS) {}

  add(v: Violation): void {
    this.total++;
    this.counts.set(v.rule, (this.counts.get(v.rule) ?? 0) + 1);
    if (this.stored.length < this.cap) this.stored.push(v);
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
