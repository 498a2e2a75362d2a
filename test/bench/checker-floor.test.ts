import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('bench:checker-floor: typed and object records do the same work, so their times compare', () => {
  it('the same rows and the same sum of the numbers read, on a timeline of the default scenario', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iesim-checker-floor-')), 'run');
    const run = node('dist/src/cli/main.js', 'run', 'scenarios/default.yaml', '--set', 'horizon=60d', '--no-report', '-q', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const floor = (...mode: string[]) => {
      const r = node('dist/bench/checker-floor.js', join(out, 'events.csv'), ...mode);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { records: string; rows: number; sum: number };
    };
    const typed = floor(), objects = floor('objects');
    expect(typed.records).toBe('typed');
    expect(objects.records).toBe('objects');
    expect(typed.rows).toBeGreaterThan(10_000);
    expect(objects.rows).toBe(typed.rows);
    expect(objects.sum).toBe(typed.sum);
  });
});
