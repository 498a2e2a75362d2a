/**
 * The warm-up of a two-thread check (warm-up.ts): the file's first rows are
 * checked once and forgotten before each thread's real check. It must change
 * nothing a user sees: the two-thread result stays the one-thread result,
 * errors are reported by the real check exactly as before, and the warm-up
 * itself never fails, whatever the file holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenarios/read.js';
import { runToFolder } from '../../src/output/run-to-folder.js';
import { TimelineFormatError, checkTimelineFile } from '../../src/checker/index.js';
import { WARM_UP_BYTES, warmUp } from '../../src/checker/warm-up.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-warm-up-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A simulated timeline longer than the warm-up, and its lines. */
const path = join(dir, 'run', 'events.csv');
let lines: string[] = [];
beforeAll(async () => {
  await runToFolder(loadScenario('scenarios/default.yaml', ['horizon=120d']), { out: join(dir, 'run'), timeline: { kind: 'full' }, timelineText: 'full' });
  lines = readFileSync(path, 'utf8').trimEnd().split('\n');
});

function write(name: string, rows: string[]): string {
  const f = join(dir, name);
  writeFileSync(f, rows.join('\n') + '\n');
  return f;
}

/** The line index whose row starts past `bytes` into the file. */
function lineAfter(bytes: number): number {
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    if (at > bytes) return i;
    at += Buffer.byteLength(lines[i]) + 1;
  }
  throw new Error('the test timeline is shorter than the warm-up');
}

describe('warm-up of a two-thread check', () => {
  it('the test timeline is longer than the warm-up', () => {
    expect(statSync(path).size).toBeGreaterThan(2 * WARM_UP_BYTES);
  });

  it('leaves the two-thread result the one-thread result, clean or with violations on both sides of the warm-up', async () => {
    const early = lineAfter(WARM_UP_BYTES / 4);
    const late = lineAfter(WARM_UP_BYTES * 1.5);
    // Rows dropped inside the warm-up's bytes and after them: the check then reports violations in both.
    const broken = lines.filter((_, i) => i !== early && i !== late && i !== late + 7);
    for (const f of [path, write('broken.csv', broken)]) {
      const one = await checkTimelineFile(f, undefined, undefined, 1);
      expect(await checkTimelineFile(f, undefined, undefined, 2)).toEqual(one);
      if (f !== path) expect(one.violations.length).toBeGreaterThan(0);
    }
  });

  it('a malformed row within the warm-up is still reported by the real check, as on one thread', async () => {
    const bad = [...lines];
    const at = lineAfter(WARM_UP_BYTES / 2);
    bad[at] = bad[at].replace(/,(job|drive),/, ',jobb,');
    const f = write('malformed.csv', bad);
    const one = await checkTimelineFile(f, undefined, undefined, 1).catch((e: unknown) => e);
    expect(one).toBeInstanceOf(TimelineFormatError);
    await expect(checkTimelineFile(f, undefined, undefined, 2)).rejects.toThrow((one as Error).message);
  });

  it('never fails itself: a missing, empty, headerless or unterminated file is the real check\'s to report', async () => {
    const files = [
      join(dir, 'missing.csv'),
      write('empty.csv', []),
      write('no-header.csv', lines.slice(1, 50)),
    ];
    const unterminated = join(dir, 'unterminated.csv');
    writeFileSync(unterminated, 'time,kind,entity');
    files.push(unterminated);
    for (const f of files) await expect(warmUp(f, undefined, 0, 2)).resolves.toBeUndefined();
  });
});
