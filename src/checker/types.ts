/**
 * The checker's public shapes. Kept apart from the logic so callers (the CLI,
 * `iesim run`, the report) can import them without pulling in the checker.
 */
import { DEFAULT_DURATIONS, DEFAULT_POLICY, type RuleDurations, type RuleId, type RulePolicy } from '../spec/rules.js';
import { parseInstant } from '../sim/time.js';

export interface CheckOptions {
  /** Timer durations in ms; missing keys take the spec's defaults (DEFAULT_DURATIONS). */
  durations?: Partial<RuleDurations>;
  /** Policies the spec leaves open; missing keys take DEFAULT_POLICY. */
  policy?: Partial<RulePolicy>;
  /**
   * ISO instant where the timeline ends. A timer due at or before it must have
   * fired. Without it the end is the last row's time.
   */
  until?: string;
}

export interface Violation {
  rule: RuleId;
  entity: 'job' | 'drive';
  id: string;
  /** The owning job ('' for a drive of no job). */
  job: string;
  /** ISO instant of the violation: the row's time, or the due time of a timer that did not fire. */
  time: string;
  /** The line of the row that shows the violation (for a timer that did not fire: the first row after its due time). */
  line?: number;
  message: string;
}

export interface CheckResult {
  /** Data rows read (the header excluded). */
  rows: number;
  /** Violations, sorted by time then id; at most MAX_STORED_VIOLATIONS of them (byRule counts all). */
  violations: Violation[];
  /** Violations per rule ID, every rule listed (0 when clean), counting all, not only the stored ones. */
  byRule: Record<string, number>;
}

/** A broken 10M-row file can hold millions of violations: keep the first this many, count them all. */
export const MAX_STORED_VIOLATIONS = 10_000;

export interface ResolvedOptions {
  durations: RuleDurations;
  policy: RulePolicy;
  /** Epoch ms, or null for "the last row's time". */
  until: number | null;
}

/** Fills in the defaults and validates; throws RangeError on a bad duration or horizon. */
export function resolveOptions(options: CheckOptions = {}): ResolvedOptions {
  const durations: RuleDurations = { ...DEFAULT_DURATIONS, ...stripUndefined(options.durations ?? {}) };
  for (const [key, value] of Object.entries(durations)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`duration ${key} must be a non-negative number of ms, got ${value}`);
  }
  const policy: RulePolicy = { ...DEFAULT_POLICY, ...stripUndefined(options.policy ?? {}) };
  const until = options.until === undefined ? null : parseInstant(options.until);
  return { durations, policy, until };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
