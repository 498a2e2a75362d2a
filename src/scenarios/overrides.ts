/**
 * `--set path=value` overrides: the value is read as YAML (so `20`, `14d`,
 * `[1, 2]` and `{dist: fixed, value: 2d}` all work), and a path may name a
 * field by its last segment alone when that is unambiguous
 * (`copyStations` → `datacenter.copyStations`).
 */
import { parse } from 'yaml';
import { ScenarioError } from './errors.js';
import { knownKeys } from './validate.js';
import { closest } from './suggest.js';

/** `paths`, if given, receives the field path of every override (shorthands resolved). */
export function applyOverrides(raw: Record<string, unknown>, sets: string[], paths?: string[]): Record<string, unknown> {
  const out = structuredClone(raw);
  const problems: string[] = [];
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) {
      problems.push(`--set ${set}: expected path=value, e.g. datacenter.copyStations=12`);
      continue;
    }
    const path = resolvePath(set.slice(0, eq), problems);
    if (!path) continue;
    paths?.push(path.join('.'));
    let value: unknown;
    try {
      value = parse(set.slice(eq + 1));
    } catch {
      value = set.slice(eq + 1);
    }
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  if (problems.length) throw new ScenarioError(problems);
  return out;
}

/** Every field path of the schema, for shorthand lookups. */
export function allPaths(prefix: string[] = []): string[][] {
  return knownKeys(prefix).flatMap((k) => {
    const p = [...prefix, k];
    const below = allPaths(p);
    return below.length ? [p, ...below] : [p];
  });
}

function resolvePath(text: string, problems: string[]): string[] | undefined {
  const parts = text.split('.');
  if (knownKeys([]).includes(parts[0])) return parts;
  const matches = allPaths().filter((p) => p.slice(-parts.length).join('.') === text);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    problems.push(`--set ${text}: ambiguous; name one of ${matches.map((m) => m.join('.')).join(', ')}`);
    return undefined;
  }
  const hint = closest(parts[parts.length - 1], allPaths().map((p) => p[p.length - 1]));
  const full = hint ? allPaths().find((p) => p[p.length - 1] === hint) : undefined;
  problems.push(`--set ${text}: unknown field${full ? ` (did you mean "${full.join('.')}"?)` : ''}`);
  return undefined;
}
