import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../dist/bench/jit-costs.js', import.meta.url));

const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 30_000 });

// A callgrind profile in its compressed form: names given once then by number, positions absolute,
// relative (+n, -n) or repeated (*), and a call's inclusive cost on the line after calls=.
const PROFILE = `# callgrind format
version: 1
positions: instr line
events: Ir DLmr
ob=(1) ???
fn=(1) 0x0000000000001000
0x1000 0 10 1
+8 0 5 2
cfn=(2) Builtins_LoadIC
calls=1 0x9000 0
* 0 1000 100
fn=(3) 0x0000000000002000
0x2000 0 7 3
+1000 0 2 0
-fe0 0 1 0
ob=(2) /usr/bin/node
fn=(2)
0x9000 0 30 4
`;
// The perf map: 0x1000 was first one function, then its code was thrown away and the address reused.
const MAP = `1000 100 JS:*old file:///x.js:1:1
1000 100 JS:*onCopyEnd file:///copy.js:72:19
2000 40 JS:*pop file:///event-queue.js:119:8
`;

describe('bench:jit-costs charges a callgrind profile to the functions V8 names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iesim-jit-costs-'));
  const profile = join(dir, 'cg.out'), map = join(dir, 'perf.map');
  writeFileSync(profile, PROFILE);
  writeFileSync(map, MAP);

  it("nameless code goes to the latest function the map names at its address; a call line is not the caller's own cost", () => {
    const r = run(profile, map, 'Ir');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[1]).toBe('0.0M\t0.0M\ttotal');
    const row = (name: string) => lines.find((l) => l.endsWith(`\t${name}`))?.split('\t').slice(0, 2).map(Number);
    // Totals: Ir 10 + 5 + 7 + 2 + 1 + 30 = 55, DLmr 1 + 2 + 3 + 4 = 10 (the call's 1000 and 100 are not self costs).
    const pct = (ir: number) => Number(((100 * ir) / 55).toFixed(1));
    expect(row('*onCopyEnd file:///copy.js:72:19')).toEqual([pct(15), 30]);
    expect(row('Builtins_LoadIC')).toEqual([pct(30), 40]);
    // 0x2000 + 0x1000 = 0x3000: outside any map entry, so named by its object and address.
    expect(row('??? 0x0000000000002000')).toEqual([pct(2), 0]);
    // 0x3000 - 0xfe0 = 0x2020: back inside pop.
    expect(row('*pop file:///event-queue.js:119:8')).toEqual([pct(8), 30]);
    expect(lines.some((l) => l.includes('*old'))).toBe(false);
  });

  it('sorts by the event asked for, and refuses one the profile lacks', () => {
    const r = run(profile, map, 'DLmr', '1');
    expect(r.stdout.trim().split('\n')[2]).toMatch(/\tBuiltins_LoadIC$/);
    const bad = run(profile, map, 'D1mr');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no event D1mr: the profile has Ir, DLmr');
  });

  it('without its two files: says how to call it', () => {
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('usage: jit-costs <callgrind.out> <perf-PID.map>');
  });
});
