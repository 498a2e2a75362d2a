import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../dist/bench/compare.js', import.meta.url));

const compare = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('bench:compare refuses bad arguments with a message and a non-zero exit', () => {
  it('no arguments: says what is missing and how to call it', () => {
    const r = compare();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing arguments');
    expect(r.stderr).toContain('usage: npm run bench:compare');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a folder without a built bench: names the folder and what it lacks', () => {
    const r = compare('/nonexistent-build', '2', 'model', '3d');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/nonexistent-build holds no built bench (expected dist/bench/case.js there');
  });

  it('a pair count that is not a whole number >= 1', () => {
    const r = compare(ROOT, '0', 'model', '3d');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('<pairs> must be a whole number >= 1, got 0');
  });

  it('one pair of a small case against this very build: both sides did the same work and the table is printed', () => {
    const r = compare(ROOT, '1', 'mmc', '20000');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('mmc 20000: this build');
    expect(r.stdout).toMatch(/this build faster in [01] of [01] pairs/);
  });
});
