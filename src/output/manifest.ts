/** manifest.json: what produced an output folder, and a hash of every file in it. */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { WrittenFile } from './ordered-file.js';

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

/**
 * SHA-256 of every file below `dir` (relative paths, sorted), read as
 * streams: outputs may be larger than a Buffer can hold. A file in `known`
 * (hashed as it was written, ordered-file.ts) is not read again unless its
 * size has changed since.
 */
export async function hashFiles(dir: string, skip: string[] = [], known: readonly WrittenFile[] = []): Promise<Record<string, string>> {
  const hashed = new Map(known.map((k) => [resolve(k.path), k]));
  const out: Record<string, string> = {};
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!skip.includes(relative(dir, p))) files.push(p);
    }
  };
  walk(dir);
  for (const p of files) {
    const k = hashed.get(resolve(p));
    out[relative(dir, p)] = k !== undefined && statSync(p).size === k.bytes ? k.sha256 : await hashFile(p);
  }
  return out;
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (chunk) => h.update(chunk)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    return pkg.version as string;
  } catch {
    return 'unknown';
  }
}
