/**
 * Long reads report their progress for the CLI's bar: once per chunk read,
 * never per record, bytes increasing to the file's size. The bar itself
 * (src/cli/progress.ts) shows only on a terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenarios/read.js';
import { runToFolder } from '../../src/output/run-to-folder.js';
import { checkTimelineFile } from '../../src/checker/index.js';
import { readByteRecords } from '../../src/checker/byte-records.js';
import { EventAggregator } from '../../src/report/assemble.js';
import { readEvents } from '../../src/report/read-events.js';
import { progressBar } from '../../src/cli/progress.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const path = join(dir, 'run', 'events.csv');
beforeAll(async () => {
  await runToFolder(loadScenario('scenarios/default.yaml', ['horizon=60d']), { out: join(dir, 'run'), timeline: { kind: 'full' }, timelineText: 'full' });
});

/** Every (bytes, size) a reader reported. */
function recorder(): { calls: [number, number][]; onRead: (read: number, size: number) => void } {
  const calls: [number, number][] = [];
  return { calls, onRead: (read, size) => calls.push([read, size]) };
}

function expectProgress(calls: [number, number][], size: number, chunk: number): void {
  expect(calls.length).toBe(Math.ceil(size / chunk) + 1); // one per chunk, and the final empty read
  for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  expect(calls.every(([, s]) => s === size)).toBe(true);
  expect(calls.at(-1)![0]).toBe(size);
}

describe('progress of long reads', () => {
  it('the byte reader reports once per chunk, up to the file size', async () => {
    const size = statSync(path).size;
    const r = recorder();
    let records = 0;
    await readByteRecords(path, { spans: () => void records++, record: () => void records++ }, 64 * 1024, r.onRead);
    expect(records).toBe(readFileSync(path, 'utf8').trimEnd().split('\n').length);
    expectProgress(r.calls, size, 64 * 1024);
  });

  it('iesim check and the report hear how much of events.csv they have read', async () => {
    const size = statSync(path).size;
    const check = recorder();
    const result = await checkTimelineFile(path, {}, check.onRead);
    expect(result.violations).toEqual([]);
    expectProgress(check.calls, size, 1 << 20);
    const report = recorder();
    await readEvents(path, new EventAggregator(), report.onRead);
    expectProgress(report.calls, size, 1 << 20);
  });

  it('no bar when the output is not a terminal (as under a test runner) or with --quiet', () => {
    for (const quiet of [false, true]) {
      const bar = progressBar('iesim test', quiet);
      expect(() => { bar.update(0.5, 1); bar.phase('next', 'MB'); bar.stop(); }).not.toThrow();
    }
    expect(process.stdout.isTTY && process.stderr.isTTY).toBeFalsy();
  });
});
