/**
 * Validation of a merged scenario object: the schema's checks plus rules that
 * span fields, all collected at once, each message naming the file, the
 * field path, what was found and what was expected.
 */
import type { z } from 'zod';
import { isInstant, isIsoShaped, parseInstant } from '../sim/time.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { closest } from './suggest.js';
import { ScenarioError } from './errors.js';
import { formatDuration, parseDuration } from './units.js';

/** The last instant a timeline can hold (four-digit years). */
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A rule over the whole (schema-valid) scenario: returns problems as [path, message].
 * `uses` lists the fields it reads, so it can still run when other fields are bad.
 */
type CrossRule = { name: string; uses: string[]; check: (s: Scenario) => [string, string][] };

const CROSS_RULES: CrossRule[] = [
  {
    name: 'start is an ISO instant',
    uses: ['start'],
    check: (s) => (isInstant(s.start) ? [] : [['start', `expected an ISO 8601 date or instant such as 2026-01-01${notADay(s.start)}, got "${s.start}"`]]),
  },
  {
    name: 'horizon after start',
    uses: ['start', 'horizon'],
    check: (s) => {
      if (!isInstant(s.start)) return [];
      const d = parseDuration(s.horizon);
      if (d !== undefined) return d > 0 ? [] : [['horizon', `expected a duration > 0, got "${s.horizon}"`]];
      if (!isInstant(s.horizon)) return [['horizon', `expected a duration such as 365d or an ISO date after start${notADay(s.horizon)}, got "${s.horizon}"`]];
      return parseInstant(s.horizon) > parseInstant(s.start) ? [] : [['horizon', `expected a date after start (${s.start}), got "${s.horizon}"`]];
    },
  },
  {
    // Timeline times are ISO 8601 with four-digit years (docs/timeline.md): a run must end by the last one.
    name: 'run ends by the year 9999',
    uses: ['start', 'horizon'],
    check: (s) => {
      if (!isInstant(s.start)) return [];
      const end = parseInstant(s.start) + runMs(s);
      return !(end > LAST_INSTANT) ? [] : [['horizon', `expected the run to end by ${new Date(LAST_INSTANT).toISOString()} (timeline times have four-digit years), but start ${s.start} plus horizon ${s.horizon} ends later`]];
    },
  },
  {
    name: 'warm-up inside the run',
    uses: ['start', 'horizon', 'warmup'],
    check: (s) => {
      if (!isInstant(s.start)) return [];
      const h = runMs(s);
      return s.warmup < h || Number.isNaN(h) || h <= 0 ? [] : [['warmup', 'expected a warm-up shorter than the run (start to horizon)']];
    },
  },
  {
    name: 'peak windows are dates in order',
    uses: ['arrivals.peaks'],
    check: (s) => s.arrivals.peaks.flatMap((p, i): [string, string][] => {
      if (!isInstant(p.from)) return [[`arrivals.peaks.${i}.from`, `expected an ISO date${notADay(p.from)}, got "${p.from}"`]];
      if (!isInstant(p.to)) return [[`arrivals.peaks.${i}.to`, `expected an ISO date${notADay(p.to)}, got "${p.to}"`]];
      return parseInstant(p.to) > parseInstant(p.from) ? [] : [[`arrivals.peaks.${i}.to`, `expected a date after from (${p.from}), got "${p.to}"`]];
    }),
  },
  {
    name: 'copy outcomes are a distribution',
    uses: ['datacenter.copyOutcome'],
    check: (s) => {
      const o = s.datacenter.copyOutcome;
      const sum = o.info + o.warnings + o.errors;
      return sum <= 1 ? [] : [['datacenter.copyOutcome', `expected info + warnings + errors <= 1, got ${+sum.toFixed(6)}`]];
    },
  },
  {
    // R-EARLY-DESTROY applies to early drives that could not be returned at
    // R-EARLY-RETURN's deadline: both count from the arrival, destroy last.
    name: 'early drives are destroyed after the return attempt',
    uses: ['rules.earlyReturn', 'rules.earlyDestroy'],
    check: (s) => (s.rules.earlyDestroy >= s.rules.earlyReturn ? [] : [['rules.earlyDestroy',
      `expected at least rules.earlyReturn (${formatDuration(s.rules.earlyReturn)}): drives not returnable then are destroyed later, got "${formatDuration(s.rules.earlyDestroy)}"`]]),
  },
  {
    name: 'some arrivals',
    uses: ['arrivals.weekdayMultipliers', 'arrivals.monthMultipliers'],
    check: (s) => (s.arrivals.weekdayMultipliers.some((m) => m > 0) && s.arrivals.monthMultipliers.some((m) => m > 0)
      ? [] : [['arrivals', 'expected at least one weekday and one month with a multiplier > 0']]),
  },
];

/** The run's length in ms from start to horizon (a duration, or a date after start); NaN when the horizon is neither. Start must be an instant. */
function runMs(s: Scenario): number {
  return parseDuration(s.horizon) ?? (isInstant(s.horizon) ? parseInstant(s.horizon) - parseInstant(s.start) : NaN);
}

/** ` (a day its month has)` for a text ISO in shape that parseInstant refuses (a day such as 02-30), else ''. */
function notADay(text: string): string {
  return isIsoShaped(text) && !isInstant(text) ? ' (a day its month has)' : '';
}

/** Validates a merged scenario object; throws ScenarioError listing every problem. */
export function validateScenario(raw: unknown, file: string): Scenario {
  const result = scenarioSchema.safeParse(raw);
  const problems: string[] = [];
  // A key that is empty or holds odd characters is quoted, so the path stays readable.
  const segment = (k: string | number | symbol) => (typeof k === 'string' && !/^[A-Za-z0-9_-]+$/.test(k) ? JSON.stringify(k) : String(k));
  const where = (path: (string | number | symbol)[]) => (path.length ? path.map(segment).join('.') : '(top level)');
  if (!result.success) {
    for (const issue of result.error.issues) for (const p of describeIssue(issue, where, raw)) problems.push(`${file}: ${p}`);
    // All problems at once: the cross-field rules whose fields are all valid
    // still run, on the scenario with the bad fields left out.
    const partial = withoutBadFields(raw, result.error.issues);
    if (partial) {
      for (const rule of CROSS_RULES) {
        if (rule.uses.some((u) => partial.bad.some((b) => overlaps(u.split('.'), b)))) continue;
        for (const [path, message] of rule.check(partial.scenario)) problems.push(`${file}: ${path}: ${message}`);
      }
    }
    throw new ScenarioError(problems);
  }
  for (const rule of CROSS_RULES) for (const [path, message] of rule.check(result.data)) problems.push(`${file}: ${path}: ${message}`);
  if (problems.length) throw new ScenarioError(problems);
  return result.data;
}

type Path = (string | number)[];

const issuePaths = (issues: z.core.$ZodIssue[]): Path[] => issues.flatMap((i) =>
  (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path]).map((p) => p.map((x) => (typeof x === 'symbol' ? String(x) : x))));

/** One path is a prefix of the other (a field and anything inside it). */
function overlaps(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

/**
 * The scenario with every bad field removed (so its default applies), and
 * the removed paths; undefined when nothing sensible is left. A field is cut
 * at its first list index (a list is replaced whole), and a missing field
 * takes its parent with it.
 */
function withoutBadFields(raw: unknown, issues: z.core.$ZodIssue[]): { scenario: Scenario; bad: Path[] } | undefined {
  if (!isPlainObject(raw)) return undefined;
  let obj: Record<string, unknown> = raw;
  const bad: Path[] = [];
  let current = issues;
  for (let round = 0; round < 50; round++) {
    // Decide every cut on the same object, then cut (an earlier cut may hold a later one).
    const cuts = issuePaths(current).map((full) => {
      const index = full.findIndex((x) => typeof x === 'number');
      let path = index < 0 ? full : full.slice(0, index);
      while (path.length && !has(obj, path)) path = path.slice(0, -1);
      bad.push(full, path);
      return path;
    });
    if (cuts.some((path) => path.length === 0)) return undefined;
    for (const path of cuts) if (has(obj, path)) obj = without(obj, path);
    const again = scenarioSchema.safeParse(obj);
    if (again.success) return { scenario: again.data, bad };
    current = again.error.issues;
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(obj: Record<string, unknown>, path: Path): boolean {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, String(k))) return false;
    cur = cur[String(k)];
  }
  return true;
}

/** A copy of `obj` without the field at `path`: only the objects along the path are copied (the input may hold cycles). */
function without(obj: Record<string, unknown>, path: Path): Record<string, unknown> {
  const [head, ...rest] = path.map(String);
  const copy = { ...obj };
  if (rest.length === 0) delete copy[head];
  else copy[head] = without(obj[head] as Record<string, unknown>, rest);
  return copy;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** A found value for a message: JSON, shortened; "nothing" for a missing field. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  // JSON would print null for these (YAML's .nan, .inf, or a number too large for a double).
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'infinity' : '-infinity';
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    text = undefined;
  }
  if (text === undefined) text = Array.isArray(v) ? 'a list that contains itself' : typeof v === 'object' && v !== null ? 'a mapping that contains itself' : String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeIssue(issue: z.core.$ZodIssue, where: (p: (string | number | symbol)[]) => string, raw: unknown): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((k) => {
      const hint = closest(k, known);
      return `${where([...issue.path, k])}: unknown field${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${known.join(', ')}`;
    });
  }
  let message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_union') {
    // "Invalid input" alone says nothing: name the kinds of value each branch wanted.
    const wanted = issue.errors.map((branch) => {
      const first = branch[0];
      return first?.code === 'invalid_type' ? first.expected : first?.message.replace(/^Invalid input: /, '');
    }).filter(Boolean);
    if (wanted.length) message = `expected ${[...new Set(wanted)].join(' or ')}`;
  }
  // Say what was found: the schema's own messages name only its type, if anything.
  if (issue.code !== 'custom' && !/\bgot\b/.test(message)) {
    message = `${message.replace(/, received [-\w]+$/, '')}, got ${show(valueAt(raw, issue.path))}`;
  }
  return [`${where(issue.path)}: ${message}`];
}

/** The keys a (possibly wrapped) object schema accepts at a path. */
export function knownKeys(path: PropertyKey[]): string[] {
  let s: any = scenarioSchema;
  for (const key of path) {
    s = unwrap(s);
    // Through a list (arrivals.peaks.0.…) to its element's keys.
    if (typeof key === 'number' && s?._zod?.def?.type === 'array') {
      s = s._zod.def.element;
      continue;
    }
    const shape = s?._zod?.def?.shape;
    if (!shape || typeof key !== 'string' || !(key in shape)) return [];
    s = shape[key];
  }
  return Object.keys(unwrap(s)?._zod?.def?.shape ?? {});
}

function unwrap(s: any): any {
  for (let i = 0; i < 10 && s && !s._zod?.def?.shape && s._zod?.def?.type !== 'array'; i++) {
    const def = s._zod?.def;
    s = def?.innerType ?? def?.in ?? def?.schema;
  }
  return s;
}
