/**
 * Reading scenario files (I/O): YAML or JSON, `extends` chains resolved
 * relative to each file (cycles refused), `--set path=value` overrides
 * applied last, then validation of the merged object.
 */
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
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
  const withSets = applyOverrides(raw, overrides);
  delete withSets.extends;
  const scenario = validateScenario(withSets, file);
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
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return `${path}:${pos ? `${pos.line}:${pos.col}` : '?'}: unreadable ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`;
    }));
  }
  const value = doc.toJS();
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
