/**
 * A scenario's `expect:` block, evaluated after a run (`iesim run --check`):
 * it turns a scenario into a regression test. Keys:
 * - `violations: N` — at most N rule-check violations (0: a clean timeline);
 * - a headline KPI (`turnaround.p95`, `throughputPerDay`, …) or a summary
 *   path (`rules.R-SHIP-NORESPONSE`, `jobs.closed`) with `{min, max}`, or a
 *   plain number meaning exactly that; day-valued KPIs accept `12d`.
 * With replications, the mean is compared.
 */
import { KPI_BY_KEY } from './headline.js';
import { parseDuration } from '../scenarios/units.js';
import { DAY } from '../sim/time.js';
import type { RunSummary } from '../model/summary.js';

export interface ExpectationResult {
  key: string;
  ok: boolean;
  actual: number;
  message: string;
}

export function evaluateExpectations(expect: Record<string, unknown>, summary: RunSummary, aggregated: Record<string, unknown> | null, violations: number | null): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  for (const [key, bound] of Object.entries(expect)) {
    const actual = key === 'violations' ? violations ?? NaN : readKpi(key, summary, aggregated);
    const unitDays = KPI_BY_KEY.get(key)?.unit === 'days' || /Days|turnaround/.test(key);
    const num = (v: unknown): number => (typeof v === 'string' && unitDays ? (parseDuration(v) ?? NaN) / DAY : Number(v));
    let min = -Infinity, max = Infinity;
    if (typeof bound === 'object' && bound !== null) {
      const b = bound as Record<string, unknown>;
      if ('min' in b) min = num(b.min);
      if ('max' in b) max = num(b.max);
    } else if (key === 'violations') max = num(bound);
    else min = max = num(bound);
    if (Number.isNaN(min) || Number.isNaN(max)) {
      out.push({ key, ok: false, actual, message: `expect.${key}: cannot read the bound ${JSON.stringify(bound)} (expected a number, ${unitDays ? 'a duration such as 12d, ' : ''}or {min, max})` });
      continue;
    }
    if (key === 'violations' && violations === null) {
      out.push({ key, ok: false, actual, message: 'expect.violations: the timeline was not checked (it needs --timeline full or sample:N)' });
      continue;
    }
    if (Number.isNaN(actual)) {
      out.push({ key, ok: false, actual, message: `expect.${key}: no such KPI in this run (known: violations, ${[...KPI_BY_KEY.keys()].join(', ')}, or a summary path such as rules.R-FAULT)` });
      continue;
    }
    const ok = actual >= min && actual <= max;
    const range = min === max ? `= ${min}` : `${min > -Infinity ? `>= ${min}` : ''}${min > -Infinity && max < Infinity ? ' and ' : ''}${max < Infinity ? `<= ${max}` : ''}`;
    out.push({ key, ok, actual, message: `expect.${key}: ${ok ? 'ok' : 'FAILED'}: ${+actual.toFixed(4)} (expected ${range})` });
  }
  return out;
}

function readKpi(key: string, summary: RunSummary, aggregated: Record<string, unknown> | null): number {
  if (aggregated) {
    const h = (aggregated.headline as Record<string, { mean: number }>)[key];
    if (h) return h.mean;
    const v = walk(aggregated, key);
    if (v && typeof v === 'object' && 'mean' in v) return (v as { mean: number }).mean;
  }
  const kpi = KPI_BY_KEY.get(key);
  if (kpi) return kpi.get(summary);
  const v = walk(summary, key);
  return typeof v === 'number' ? v : NaN;
}

/** Follows a dotted path; rule IDs contain dashes, not dots, so `rules.R-FAULT` splits cleanly. */
function walk(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
