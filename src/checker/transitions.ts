/**
 * R-JOB-TRANSITIONS and R-DRIVE-TRANSITIONS: a state row must start from the
 * state the entity is in, follow the spec's table (src/spec/transitions.ts),
 * and cite the rule the table names for that edge (R-FAULT for any edge into
 * or out of Faulted). Returns whether the edge was legal, so the caller runs
 * the rule-specific checks only on legal edges (one report per defect).
 *
 * Verdicts of the spec's isJobTransitionAllowed / isDriveTransitionAllowed are
 * memoized per (from, to, state before a fault): there are a few dozen, and
 * asking the spec builds a string per call, on the hottest path.
 */
import type { RuleId } from '../spec/rules.js';
import type { DriveState, JobState } from '../spec/states.js';
import { DRIVE_TRANSITIONS, JOB_TRANSITIONS, isDriveTransitionAllowed, isJobTransitionAllowed, type Transition } from '../spec/transitions.js';
import type { CheckRow } from './row.js';
import type { CheckState } from './context.js';

/** What the table says about one edge. `key` is `from>to`, built once. */
export interface Edge {
  key: string;
  allowed: boolean;
  /** The rule its state row must cite. */
  rule: string;
}

function edgeCache<S extends string>(table: readonly Transition<S>[], allowed: (from: S | null, to: S, beforeFault?: S | null) => boolean) {
  const rules = new Map(table.map((t) => [`${t.from ?? ''}>${t.to}`, t.rule as string]));
  // from → beforeFault → to → Edge; '' stands for "none".
  const cache = new Map<string, Map<string, Map<string, Edge>>>();
  return (from: S | null, to: S, beforeFault: S | null): Edge => {
    const f = from ?? '';
    const b = from === 'Faulted' ? beforeFault ?? '' : '';
    let byBefore = cache.get(f);
    if (!byBefore) cache.set(f, (byBefore = new Map()));
    let byTo = byBefore.get(b);
    if (!byTo) byBefore.set(b, (byTo = new Map()));
    let e = byTo.get(to);
    if (!e) {
      const key = `${f}>${to}`;
      const faultEdge = from === 'Faulted' || to === 'Faulted';
      e = { key, allowed: allowed(from, to, from === 'Faulted' ? beforeFault : undefined), rule: faultEdge ? 'R-FAULT' : rules.get(key) ?? '' };
      byTo.set(to, e);
    }
    return e;
  };
}

export const jobEdge = edgeCache<JobState>(JOB_TRANSITIONS, isJobTransitionAllowed);
export const driveEdge = edgeCache<DriveState>(DRIVE_TRANSITIONS, isDriveTransitionAllowed);

const show = (s: string | null) => (s === null || s === '' ? '(new)' : s);

/** Checks a state row's edge; reports under R-JOB-/R-DRIVE-TRANSITIONS (R-FAULT for Faulted's rule column). */
export function checkEdge(
  ctx: CheckState,
  entity: 'job' | 'drive',
  id: string,
  job: string,
  current: JobState | DriveState | null,
  beforeFault: JobState | DriveState | null,
  row: CheckRow,
  to: JobState | DriveState,
): boolean {
  const rule: RuleId = entity === 'job' ? 'R-JOB-TRANSITIONS' : 'R-DRIVE-TRANSITIONS';
  if ((row.from === '' ? null : row.from) !== current) {
    ctx.flag(rule, entity, id, job, `the row says ${show(row.from)} → ${to}, but the ${entity} is ${show(current)}`);
    return false;
  }
  const edge = entity === 'job'
    ? jobEdge(current as JobState | null, to as JobState, beforeFault as JobState | null)
    : driveEdge(current as DriveState | null, to as DriveState, beforeFault as DriveState | null);
  if (!edge.allowed) {
    const why = current === 'Faulted' ? ` (it was ${show(beforeFault)} before the fault)` : '';
    ctx.flag(rule, entity, id, job, `${show(current)} → ${to} is not in the spec's ${entity} transition table${why}`);
    return false;
  }
  if (row.rule !== edge.rule) {
    ctx.flag(edge.rule === 'R-FAULT' ? 'R-FAULT' : rule, entity, id, job,
      `${show(current)} → ${to} cites rule "${row.rule}"; the transition table says "${edge.rule}"`);
  }
  return true;
}
