/**
 * Reading scenario files (I/O): YAML or JSON, `extends` chains resolved
 * relative to each file (cycles refused), `--set path=value` overrides
 * applied last, then validation of the merged object.
 */
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ScenarioError } from './errors.js';
import { validateScenario, knownKeys } from './validate.js';
import type { Scenario } from './schema.js';
import { applyOverrides } from './overrides.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** Name for outputs: the scenario's `name`, else the file name without extension. */
  name: string;
  file: string;
  /** The merged input object, before defaults (for manifests). */
  raw: Record<string, unknown>;
}

export function loadScenario(file: string, overrides: string[] = []): LoadedScenario {
  const raw = readMerged(resolve(file), []);
  const setPaths: string[] = [];
  const withSets = applyOverrides(raw, overrides, setPaths);
  delete withSets.extends;
  let scenario: Scenario;
  try {
    scenario = validateScenario(withSets, file);
  } catch (err) {
    if (!(err instanceof ScenarioError) || setPaths.length === 0) throw err;
    // A problem in a field that --set gave names the --set, not the file.
    const prefix = `${file}: `;
    throw new ScenarioError(err.problems.map((p) => {
      const field = p.startsWith(prefix) ? p.slice(prefix.length, p.indexOf(': ', prefix.length)) : '';
      const set = setPaths.find((s) => field === s || field.startsWith(`${s}.`));
      return set ? `${prefix}--set ${p.slice(prefix.length)}` : p;
    }));
  }
  const name = scenario.name ?? basename(file, extname(file));
  return { scenario, name, file, raw: withSets };
}

function readMerged(path: string, chain: string[]): Record<string, unknown> {
  if (chain.includes(path)) {
    throw new ScenarioError([`${chain[0]}: extends: cycle ${[...chain, path].map((p) => basename(p)).join(' → ')}`]);
  }
  const own = readOne(path, chain.length ? chain[chain.length - 1] : undefined);
  const parent = own.extends;
  if (parent === undefined) return own;
  if (typeof parent !== 'string') throw new ScenarioError([`${path}: extends: expected a file name, got ${JSON.stringify(parent)}`]);
  const base = readMerged(resolve(dirname(path), parent), [...chain, path]);
  const merged = deepMerge(base, own);
  delete merged.extends;
  return merged;
}

function readOne(path: string, from?: string): Record<string, unknown> {
  if (!existsSync(path)) {
    throw new ScenarioError([`${path}: no such scenario file${from ? ` (named by extends in ${from})` : ''}`]);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const by = from ? ` (named by extends in ${from})` : '';
    if (code === 'EISDIR') throw new ScenarioError([`${path}: is a folder, not a scenario file${by}`]);
    if (typeof code === 'string') throw new ScenarioError([`${path}: cannot read the scenario file (${code})${by}`]);
    throw err;
  }
  // With prettyErrors off the parser leaves linePos unset: count lines ourselves.
  const lines = new LineCounter();
  // logLevel error: no stray Node warnings on stderr (a key that is a list, say); problems come as errors below.
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines, logLevel: 'error' });
  if (doc.errors.length > 0) {
    throw new ScenarioError(doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? (e.pos ? lines.linePos(e.pos[0]) : undefined);
      return `${path}:${pos ? `${pos.line}:${pos.col}` : '?'}: unreadable ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`;
    }));
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (err) {
    // The parser refuses some documents only when building values (an alias bomb: "Excessive alias count").
    throw new ScenarioError([`${path}: unreadable ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`]);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioError([`${path}: expected a mapping of fields (${knownKeys([]).slice(0, 6).join(', ')}, …), got ${Array.isArray(value) ? 'a list' : typeof value}`]);
  }
  return value as Record<string, unknown>;
}

/** Objects merge key by key; anything else (lists included) is replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) && !('dist' in v) ? deepMerge(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
