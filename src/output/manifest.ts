/** manifest.json: what produced an output folder, and a hash of every file in it. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Manifest {
  iesim: string;
  node: string;
  scenarioName: string;
  scenarioFile: string;
  scenarioHash: string;
  seed: string | number;
  replications: number;
  timeline: string;
  /** The scenario with every default filled in (durations in ms, sizes in bytes). */
  scenario: unknown;
  files: Record<string, string>;
}

/** A stable JSON text (keys sorted) and its SHA-256: equal scenarios hash equal. */
export function canonicalHash(value: unknown): string {
  return sha256(JSON.stringify(sortKeys(value)));
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of every file below `dir` (relative paths, sorted), streaming-free but fine for outputs up to a few GB. */
export function hashFiles(dir: string, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const rel = relative(dir, p);
        if (!skip.includes(rel)) out[rel] = sha256(readFileSync(p));
      }
    }
  };
  walk(dir);
  return out;
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    return pkg.version as string;
  } catch {
    return 'unknown';
  }
}
