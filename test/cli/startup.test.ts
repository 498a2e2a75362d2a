import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIMELINE_COLUMNS } from '../../src/spec/timeline.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

// A module hook that names every file module as it is resolved (on stderr, one `LOADED <url>` line each).
const HOOK = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith("file:")) console.error("LOADED " + r.url); return r; }'));
`)}`;

/** The modules `iesim <args>` loads, as paths under the project (node_modules/… or dist/…). */
function modulesLoadedBy(...args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', HOOK, MAIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return [...new Set(r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7).replace(`file://${ROOT}`, '').replace(/^\//, '')))];
}

const SCENARIO_OR_MODEL = /^(node_modules\/(zod|yaml)\/|dist\/src\/(scenarios\/read|model\/model|output\/run-to-folder|experiments\/pool))/;

// module.register (the hook's way in) came with Node 20.6.
describe.skipIf(typeof (nodeModule as { register?: unknown }).register !== 'function')('start-up loads what the command needs (the scenario schema and the model cost ~0.3 s)', () => {
  it('--help and --version load no scenario schema, model or writers', () => {
    for (const flag of ['--help', '--version']) {
      const loaded = modulesLoadedBy(flag);
      expect(loaded).toContain('dist/src/cli/main.js');
      expect(loaded.filter((m) => SCENARIO_OR_MODEL.test(m)), flag).toEqual([]);
    }
  });

  it('check without --scenario loads the checker but no scenario schema or model', () => {
    const timeline = join(mkdtempSync(join(tmpdir(), 'iesim-startup-')), 'events.csv');
    writeFileSync(timeline, `${TIMELINE_COLUMNS.join(',')}\n`);
    const loaded = modulesLoadedBy('check', timeline, '-q');
    expect(loaded).toContain('dist/src/checker/index.js');
    expect(loaded.filter((m) => SCENARIO_OR_MODEL.test(m))).toEqual([]);
  });

  it('validate does load the scenario schema (the hook sees lazy imports too)', () => {
    const loaded = modulesLoadedBy('validate', 'scenarios/default.yaml');
    expect(loaded.some((m) => m.startsWith('node_modules/zod/'))).toBe(true);
    expect(loaded).toContain('dist/src/scenarios/read.js');
  });
});
