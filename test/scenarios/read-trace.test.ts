/**
 * Trace-driven arrivals (arrivals.trace): a CSV of real job creations read
 * into the model's arrivals, every bad row reported with its line and column.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenarios/errors.js';
import { readTrace } from '../../src/scenarios/read-trace.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = join(dir, 'scenario.yaml');
const START = '2026-01-01T00:00:00Z';
const DAY = 86_400_000;

function trace(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

function problems(file: string, max?: number): string[] {
  try {
    readTrace(scenario, file, START, max);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('expected a ScenarioError');
}

describe('arrivals.trace', () => {
  it('reads jobs relative to the start, in time order, with sizes as numbers or units', () => {
    const file = trace('good.csv', 'time,type,drives,bytes\n2026-01-03T00:00:00Z,export,2,\n2026-01-02T12:00:00Z,import,3,2TB\n2026-01-02T00:00:00Z,import,1,1000\n');
    expect(readTrace(scenario, file, START, 10)).toEqual([
      { time: DAY, type: 'import', drives: 1, bytes: 1000 },
      { time: 1.5 * DAY, type: 'import', drives: 3, bytes: 2e12 },
      { time: 2 * DAY, type: 'export', drives: 2, bytes: undefined },
    ]);
  });

  it('a missing column is named, with the columns expected', () => {
    expect(problems(trace('nocol.csv', 'time,type\n2026-01-02T00:00:00Z,import\n'))).toEqual([
      `${scenario}: arrivals.trace: ${join(dir, 'nocol.csv')}:1: missing column "drives" (expected time,type,drives[,bytes])`,
    ]);
  });

  it('every bad cell is reported with its line and column', () => {
    const file = trace('bad.csv', 'time,type,drives,bytes\nsoon,import,1,\n2026-02-30T00:00:00Z,import,1,\n2026-01-02T00:00:00Z,both,0,\n2026-01-02T00:00:00Z,export,1,lots\n');
    const where = `${scenario}: arrivals.trace: ${join(dir, 'bad.csv')}`;
    expect(problems(file)).toEqual([
      `${where}:2: column time: expected an ISO 8601 instant, got "soon"`,
      `${where}:3: column time: expected an ISO 8601 instant, got "2026-02-30T00:00:00Z"`,
      `${where}:4: column type: expected import or export, got "both"`,
      `${where}:4: column drives: expected a whole number >= 1, got "0"`,
      `${where}:5: column bytes: expected a size such as 2TB or a number of bytes, got "lots"`,
    ]);
  });

  it('an import job with more drives than arrivals.maxImportDrives is refused (the spec: at most 10), not cut to 10; export jobs are not capped', () => {
    const file = trace('many.csv', 'time,type,drives\n2026-01-02T00:00:00Z,import,11\n2026-01-02T00:00:00Z,export,11\n');
    expect(problems(file, 10)).toEqual([
      `${scenario}: arrivals.trace: ${join(dir, 'many.csv')}:2: column drives: an import job lists at most 10 drives (arrivals.maxImportDrives), got 11`,
    ]);
  });

  it('a trace file that does not exist is named, relative to the scenario', () => {
    expect(problems('nope.csv')).toEqual([`${scenario}: arrivals.trace: ${join(dir, 'nope.csv')}: no such file`]);
  });
});
