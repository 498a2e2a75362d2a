/**
 * `iesim check` and `iesim diff`: exit codes and output, through the command
 * handlers (fast, exact output) and end to end through the compiled CLI
 * (yargs wiring, stderr, no stack traces).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck, checkOptionsFromDurations, type CommandOutput } from '../../src/cli/commands/check.js';
import { runDiff } from '../../src/cli/commands/diff.js';
import { UserError } from '../../src/cli/errors.js';
import { at, lineOf, tl } from './helpers.js';
import { noResponse, normalImport } from './lifecycles.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
function capture(): CommandOutput & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', out: (t: string) => { o.stdout += t; }, err: (t: string) => { o.stderr += t; } };
  return o;
}

const story = normalImport('J-000001', 0);
const clean = file('clean.csv', tl(story));
// Closed one day early (29 days after the contact), and deleted one day early with it.
const early = noResponse('J-000042', 0)
  .map((r) => (r.includes('Shipping,Closed') ? `${at('d45.25')}${r.slice(24)}` : r))
  .map((r) => (r.includes('R-RETENTION') ? `${at('d135.25')}${r.slice(24)}` : r));
const broken = file('broken.csv', tl(early, normalImport('J-000001', 200)));
const malformed = file('malformed.csv', tl(story).replace(',Shipping,Received,R-RECEIVED,,', ',Shipping,Received,R-RECEIVED,'));
const malformedLine = lineOf(story, ',Shipping,Received,R-RECEIVED,,');

describe('iesim check (handler)', () => {
  it('a clean timeline: exit 0 and a summary line', async () => {
    const io = capture();
    expect(await runCheck({ timeline: clean }, io)).toBe(0);
    expect(io.stdout).toBe(`${clean}: ${story.length} rows, no violations\n`);
  });

  it('a violating timeline: exit 1, one line per violation naming rule, entity, id and time, then the summary', async () => {
    const io = capture();
    expect(await runCheck({ timeline: broken }, io)).toBe(1);
    const lines = io.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`R-SHIP-NORESPONSE job J-000042 at ${at('d45.25')}: closed 29 d after the overdue contact at ${at('d16.25')}; `
      + `the closure is due exactly 30 d after it, at ${at('d46.25')} [line ${lineOf(early, 'Shipping,Closed')}]`);
    expect(lines[1]).toBe(`${broken}: ${early.length + story.length} rows, 1 violation: R-SHIP-NORESPONSE 1`);
  });

  it('--json: a JSON array on stdout with rule, entity, id, job, time, message, sorted by time then id', async () => {
    // Two jobs never expire at day 14 (found at day 15, by the rows of J-000042), listed by id at the same time.
    const many = file('many.csv', tl([
      'd0,put,job,J-000002,J-000002,,,,,type=import;drives=0', 'd0,state,job,J-000002,J-000002,,Creating,,,',
      'd0,put,job,J-000001,J-000001,,,,,type=import;drives=0', 'd0,state,job,J-000001,J-000001,,Creating,,,',
    ], early));
    const io = capture();
    expect(await runCheck({ timeline: many, json: true }, io)).toBe(1);
    const parsed = JSON.parse(io.stdout) as Record<string, unknown>[];
    expect(parsed.map((v) => [v.rule, v.id, v.time])).toEqual([
      ['R-CREATING-EXPIRE', 'J-000001', at('d14')],
      ['R-CREATING-EXPIRE', 'J-000002', at('d14')],
      ['R-SHIP-NORESPONSE', 'J-000042', at('d45.25')],
    ]);
    for (const v of parsed) expect(Object.keys(v)).toEqual(expect.arrayContaining(['rule', 'entity', 'id', 'job', 'time', 'message']));
    expect(io.stderr).toMatch(/3 violations/);
  });

  it('--until sets the end: timers due by then must have fired', async () => {
    const open = file('open.csv', tl('d0,put,job,J-000001,J-000001,,,,,type=import;drives=0\nd0,state,job,J-000001,J-000001,,Creating,,,'));
    expect(await runCheck({ timeline: open }, capture())).toBe(0);
    const io = capture();
    expect(await runCheck({ timeline: open, until: '2026-04-01' }, io)).toBe(1);
    expect(io.stdout).toMatch(/^R-CREATING-EXPIRE job J-000001 at 2026-03-15T00:00:00\.000Z/);
  });

  it('durations from a scenario reach the checker through checkOptionsFromDurations', async () => {
    const seven = file('seven.csv', tl('d0,put,job,J-000001,J-000001,,,,,type=import;drives=0\nd0,state,job,J-000001,J-000001,,Creating,,,\nd7,delete,job,J-000001,J-000001,Creating,,R-CREATING-EXPIRE,,'));
    expect(await runCheck({ timeline: seven }, capture())).toBe(1);
    expect(await runCheck({ timeline: seven }, capture(), checkOptionsFromDurations({ creatingExpiry: 7 * 86_400_000 }))).toBe(0);
  });

  it('unreadable input is a UserError with exit code 2: a missing file, a folder, a malformed row (with its line), a bad --until', async () => {
    const fail = async (p: Promise<unknown>) => p.then(() => { throw new Error('no error'); }, (e: unknown) => e as UserError);
    const missing = await fail(runCheck({ timeline: join(dir, 'nope.csv') }, capture()));
    expect(missing).toBeInstanceOf(UserError);
    expect([missing.exitCode, missing.message]).toEqual([2, `${join(dir, 'nope.csv')}: no such file`]);
    expect((await fail(runCheck({ timeline: dir }, capture()))).message).toMatch(/is a folder/);
    const bad = await fail(runCheck({ timeline: malformed }, capture()));
    expect(bad).toBeInstanceOf(UserError);
    expect(bad.message).toBe(`${malformed}: line ${malformedLine}, column 10 (detail): expected 10 fields as in the header, got 9`);
    expect((await fail(runCheck({ timeline: clean, until: 'soon' }, capture()))).message).toMatch(/^--until: /);
  });
});

describe('iesim diff (handler)', () => {
  const a = file('a.csv', tl(normalImport('J-000001', 0)));
  const b = file('b.csv', tl(normalImport('J-000001', 0).map((r) => r.replace('Packaging,Completed,R-FINISH', 'Packaging,Closed,R-FINISH'))));

  it('identical files: exit 0', async () => {
    const io = capture();
    expect(await runDiff({ a, b: file('a2.csv', tl(normalImport('J-000001', 0))) }, io)).toBe(0);
    expect(io.stdout).toMatch(new RegExp(`are identical \\(${story.length} rows after the header\\)`));
  });

  it('different files: exit 1, the first diverging row with line numbers, the differing columns and 3 rows of context each side', async () => {
    const io = capture();
    expect(await runDiff({ a, b }, io)).toBe(1);
    const out = io.stdout.split('\n');
    const line = lineOf(story, 'Packaging,Completed,R-FINISH');
    expect(out[0]).toBe(`--- ${a}`);
    expect(out[1]).toBe(`+++ ${b}`);
    expect(out[2]).toBe(`first difference at row ${line - 1} (${a} line ${line}, ${b} line ${line})`);
    expect(out[3]).toBe('columns that differ: to: Completed → Closed');
    expect(out.slice(4, 7).map((l) => l.slice(0, 6))).toEqual([`  ${line - 3} |`, `  ${line - 2} |`, `  ${line - 1} |`]);
    expect(out[7]).toMatch(new RegExp(`^- ${line} \\| .*,Packaging,Completed,R-FINISH,,$`));
    const shown = 1 + Math.min(3, story.length - (line - 1)); // the diverging row and up to 3 after it
    expect(out.filter((l) => l.startsWith('- '))).toHaveLength(shown);
    expect(out[7 + shown]).toMatch(new RegExp(`^\\+ ${line} \\| .*,Packaging,Closed,R-FINISH,,$`));
    expect(out.filter((l) => l.startsWith('+ '))).toHaveLength(shown);
  });

  it('--context 0 shows only the diverging rows; a file that ends early is named', async () => {
    const io = capture();
    expect(await runDiff({ a, b, context: 0 }, io)).toBe(1);
    expect(io.stdout.split('\n').filter((l) => /^[-+ ] /.test(l))).toHaveLength(2);
    const shortFile = file('short.csv', tl(normalImport('J-000001', 0).slice(0, 10)));
    const io2 = capture();
    expect(await runDiff({ a, b: shortFile }, io2)).toBe(1);
    expect(io2.stdout).toMatch(new RegExp(`first difference at row 11: ${shortFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ends there`));
  });

  it('a differing header is reported as the header', async () => {
    const io = capture();
    const other = file('hdr.csv', tl(normalImport('J-000001', 0)).replace('package,detail', 'pkg,detail'));
    expect(await runDiff({ a, b: other }, io)).toBe(1);
    expect(io.stdout).toMatch(/first difference at the header .*\ncolumns that differ: package: package → pkg/);
  });

  it('unreadable input: exit code 2 (missing file, an unclosed quote)', async () => {
    await expect(runDiff({ a, b: join(dir, 'nope.csv') }, capture())).rejects.toMatchObject({ exitCode: 2, message: `${join(dir, 'nope.csv')}: no such file` });
    const q = file('quote.csv', `${tl(normalImport('J-000001', 0))}2026-06-01T00:00:00.000Z,update,job,J-000001,J-000001,,,,,"x\n`);
    await expect(runDiff({ a: q, b: q }, capture())).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('end to end through the compiled CLI', () => {
  const main = join(process.cwd(), 'dist/src/cli/main.js');
  beforeAll(() => {
    // `npm test` builds first (pretest); when run alone, build if the compiled commands are missing or stale.
    const compiled = join(process.cwd(), 'dist/src/cli/commands/check.js');
    const sources = [...readdirSync('src/checker').map((f) => join('src/checker', f)), 'src/cli/commands/check.ts', 'src/cli/commands/diff.ts', 'src/cli/commands/index.ts'];
    const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < newest) {
      try {
        execFileSync('npx', ['tsc', '-p', '.'], { stdio: 'pipe' });
      } catch {
        // tsc emits even with type errors elsewhere; the tests below show whether the CLI works.
      }
    }
    mkdirSync(dir, { recursive: true });
  }, 120_000);
  const cli = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });

  it('check: exit 0 clean, 1 with violations, 2 unreadable (message, no stack trace)', () => {
    expect(cli('check', clean).status).toBe(0);
    const bad = cli('check', broken);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^R-SHIP-NORESPONSE job J-000042 at /);
    const json = cli('check', broken, '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toHaveLength(1);
    const unreadable = cli('check', malformed);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toMatch(new RegExp(`^iesim: .*malformed\\.csv: line ${malformedLine}, column 10 \\(detail\\)`));
    expect(unreadable.stderr).not.toMatch(/\n\s+at /);
    expect(cli('check', join(dir, 'nope.csv')).status).toBe(2);
  });

  it('check --threads 2 gives what --threads 1 gives (violations, summary, exit code, the format error); --threads 3 is refused', () => {
    for (const file of [clean, broken, malformed]) {
      const one = cli('check', file, '--threads', '1');
      const two = cli('check', file, '--threads', '2');
      expect([two.status, two.stdout, two.stderr]).toEqual([one.status, one.stdout, one.stderr]);
    }
    const wrong = cli('check', clean, '--threads', '3');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/threads/);
    expect(wrong.stderr).toMatch(/Choices: "auto", "1", "2"/);
  });

  it('diff: exit 0 identical, 1 different, 2 unreadable', () => {
    expect(cli('diff', clean, clean).status).toBe(0);
    const d = cli('diff', clean, broken, '--context', '1');
    expect(d.status).toBe(1);
    expect(d.stdout).toMatch(/first difference at row 1 /);
    expect(cli('diff', clean, join(dir, 'nope.csv')).status).toBe(2);
  });
});
