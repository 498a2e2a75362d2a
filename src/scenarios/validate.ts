/**
 * Validation of a merged scenario object: the schema's checks plus rules that
 * span fields, all collected at once, each message naming the file, the
 * field path, what was found and what was expected.
 */
import type { z } from 'zod';
import { parseInstant } from '../sim/time.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { closest } from './suggest.js';
import { ScenarioError } from './errors.js';
import { parseDuration } from './units.js';

/** A rule over the whole (schema-valid) scenario: returns problems as [path, message]. */
type CrossRule = { name: string; check: (s: Scenario) => [string, string][] };

const CROSS_RULES: CrossRule[] = [
  {
    name: 'start is an ISO instant',
    check: (s) => (isInstant(s.start) ? [] : [['start', `expected an ISO 8601 date or instant such as 2026-01-01, got "${s.start}"`]]),
  },
  {
    name: 'horizon after start',
    check: (s) => {
      if (!isInstant(s.start)) return [];
      const d = parseDuration(s.horizon);
      if (d !== undefined) return d > 0 ? [] : [['horizon', `expected a duration > 0, got "${s.horizon}"`]];
      if (!isInstant(s.horizon)) return [['horizon', `expected a duration such as 365d or an ISO date after start, got "${s.horizon}"`]];
      return parseInstant(s.horizon) > parseInstant(s.start) ? [] : [['horizon', `expected a date after start (${s.start}), got "${s.horizon}"`]];
    },
  },
  {
    name: 'warm-up inside the run',
    check: (s) => {
      if (!isInstant(s.start)) return [];
      const h = parseDuration(s.horizon) ?? (isInstant(s.horizon) ? parseInstant(s.horizon) - parseInstant(s.start) : NaN);
      return s.warmup < h || Number.isNaN(h) ? [] : [['warmup', 'expected a warm-up shorter than the run (start to horizon)']];
    },
  },
  {
    name: 'peak windows are dates in order',
    check: (s) => s.arrivals.peaks.flatMap((p, i): [string, string][] => {
      if (!isInstant(p.from)) return [[`arrivals.peaks.${i}.from`, `expected an ISO date, got "${p.from}"`]];
      if (!isInstant(p.to)) return [[`arrivals.peaks.${i}.to`, `expected an ISO date, got "${p.to}"`]];
      return parseInstant(p.to) > parseInstant(p.from) ? [] : [[`arrivals.peaks.${i}.to`, `expected a date after from (${p.from}), got "${p.to}"`]];
    }),
  },
  {
    name: 'copy outcomes are a distribution',
    check: (s) => {
      const o = s.datacenter.copyOutcome;
      const sum = o.info + o.warnings + o.errors;
      return sum <= 1 ? [] : [['datacenter.copyOutcome', `expected info + warnings + errors <= 1, got ${+sum.toFixed(6)}`]];
    },
  },
  {
    name: 'some arrivals',
    check: (s) => (s.arrivals.weekdayMultipliers.some((m) => m > 0) && s.arrivals.monthMultipliers.some((m) => m > 0)
      ? [] : [['arrivals', 'expected at least one weekday and one month with a multiplier > 0']]),
  },
];

function isInstant(text: string): boolean {
  try {
    parseInstant(text);
    return true;
  } catch {
    return false;
  }
}

/** Validates a merged scenario object; throws ScenarioError listing every problem. */
export function validateScenario(raw: unknown, file: string): Scenario {
  const result = scenarioSchema.safeParse(raw);
  const problems: string[] = [];
  const where = (path: (string | number | symbol)[]) => (path.length ? path.map(String).join('.') : '(top level)');
  if (!result.success) {
    for (const issue of result.error.issues) for (const p of describeIssue(issue, where)) problems.push(`${file}: ${p}`);
    throw new ScenarioError(problems);
  }
  for (const rule of CROSS_RULES) for (const [path, message] of rule.check(result.data)) problems.push(`${file}: ${path}: ${message}`);
  if (problems.length) throw new ScenarioError(problems);
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue, where: (p: (string | number | symbol)[]) => string): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((k) => {
      const hint = closest(k, known);
      return `${where([...issue.path, k])}: unknown field${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${known.join(', ')}`;
    });
  }
  return [`${where(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`];
}

/** The keys a (possibly wrapped) object schema accepts at a path. */
export function knownKeys(path: PropertyKey[]): string[] {
  let s: any = scenarioSchema;
  for (const key of path) {
    s = unwrap(s);
    const shape = s?._zod?.def?.shape;
    if (!shape || typeof key !== 'string' || !(key in shape)) return [];
    s = shape[key];
  }
  return Object.keys(unwrap(s)?._zod?.def?.shape ?? {});
}

function unwrap(s: any): any {
  for (let i = 0; i < 10 && s && !s._zod?.def?.shape; i++) {
    const def = s._zod?.def;
    s = def?.innerType ?? def?.in ?? def?.schema;
  }
  return s;
}
