/**
 * Test helpers: timelines as small CSV strings whose first field is a day
 * offset (`d14`, `d14.5`, `d14+1m`, `d14-30s`, `d0+2h`) from START, turned
 * into ISO instants, so a test reads as the story it tells.
 */
import { expect } from 'vitest';
import { CsvTokenizer, checkTimelineText, type CheckOptions, type CheckResult, type Violation } from '../../src/checker/index.js';
import { DAY, HOUR, MINUTE, SECOND } from '../../src/sim/time.js';

export const START = Date.UTC(2026, 2, 1); // 2026-03-01T00:00:00.000Z
export const HEADER = 'time,kind,entity,id,job,from,to,rule,package,detail';

const UNIT: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };

/** Epoch ms of a day spec: `d14`, `d14.5`, `d14+1m`, `d14-2h`, `d0+500ms`. */
export function ms(spec: string): number {
  const m = /^d(\d+(?:\.\d+)?)(?:([+-])(\d+(?:\.\d+)?)(ms|s|m|h|d))?$/.exec(spec);
  if (!m) throw new Error(`bad day spec ${spec}`);
  let t = START + Math.round(Number(m[1]) * DAY);
  if (m[2]) t += (m[2] === '+' ? 1 : -1) * Math.round(Number(m[3]) * UNIT[m[4]]);
  return t;
}

/** ISO instant of a day spec. */
export function at(spec: string): string {
  return new Date(ms(spec)).toISOString();
}

/** ISO instant `days` after START. */
export function isoDay(days: number): string {
  return new Date(START + Math.round(days * DAY)).toISOString();
}

/**
 * A timeline CSV: the header, then each non-blank line with a leading day
 * spec replaced by its ISO instant (lines that already start with an ISO
 * instant are kept). Leading spaces are trimmed. Row order is kept as written.
 */
export function tl(...parts: (string | string[])[]): string {
  const lines = parts.flatMap((p) => (Array.isArray(p) ? p : p.split('\n')));
  const out = [HEADER];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const comma = line.indexOf(',');
    const first = line.slice(0, comma);
    out.push(first.startsWith('d') ? `${at(first)}${line.slice(comma)}` : line);
  }
  return out.join('\n') + '\n';
}

export function check(parts: string | (string | string[])[], options?: CheckOptions): CheckResult {
  return checkTimelineText(tl(...(Array.isArray(parts) ? parts : [parts])), options);
}

/** A compact view of violations for readable failure output. */
export function brief(r: CheckResult): string[] {
  return r.violations.map((v) => `${v.rule} ${v.entity} ${v.id} at ${v.time} (line ${v.line ?? '-'}): ${v.message}`);
}

export function expectClean(r: CheckResult): void {
  expect(brief(r)).toEqual([]);
  expect(Object.values(r.byRule).every((n) => n === 0)).toBe(true);
}

/** Exactly these violations (rule, entity, id, time), in this order, and no others. */
export function expectViolations(r: CheckResult, expected: Pick<Violation, 'rule' | 'entity' | 'id' | 'time'>[]): void {
  expect(r.violations.map((v) => ({ rule: v.rule, entity: v.entity, id: v.id, time: v.time })), brief(r).join('\n')).toEqual(expected);
}

/** Exactly one violation, of this rule, entity and id, at this time. */
export function expectOnly(r: CheckResult, rule: Violation['rule'], entity: 'job' | 'drive', id: string, time: string): Violation {
  expectViolations(r, [{ rule, entity, id, time }]);
  return r.violations[0];
}

/**
 * Rows with the first row containing `match` replaced by `by` (rows; day
 * specs allowed), or removed when `by` is empty. Throws when nothing matches,
 * so a test never silently checks the unedited story.
 */
export function edit(rows: string[], match: string, ...by: string[]): string[] {
  const i = rows.findIndex((r) => r.includes(match));
  if (i < 0) throw new Error(`no row contains ${match}`);
  return [...rows.slice(0, i), ...by, ...rows.slice(i + 1)];
}

/** Rows up to (not including) the first one containing `match`. */
export function until(rows: string[], match: string): string[] {
  const i = rows.findIndex((r) => r.includes(match));
  if (i < 0) throw new Error(`no row contains ${match}`);
  return rows.slice(0, i);
}

/** Line of the first row containing `match` in tl(rows) (the header is line 1). */
export function lineOf(rows: string[], match: string): number {
  const i = rows.findIndex((r) => r.includes(match));
  if (i < 0) throw new Error(`no row contains ${match}`);
  return i + 2;
}

/** Each row's fields, as the CSV tokenizer splits them (a detail may be quoted). */
export function fieldsOf(rows: string[]): string[][] {
  const out: string[][] = [];
  const t = new CsvTokenizer((f) => out.push([...f]));
  t.feed(rows.join('\n') + '\n');
  t.end();
  return out;
}
