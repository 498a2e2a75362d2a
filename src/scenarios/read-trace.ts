/**
 * Trace-driven arrivals (I/O): a CSV of real job creations with columns
 * `time,type,drives` and optionally `bytes` (per drive; a number or "2TB").
 * Every bad row is reported with its line and column.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Papa from 'papaparse';
import { parseInstant } from '../sim/time.js';
import type { TraceJob } from '../model/arrivals.js';
import { ScenarioError } from './errors.js';
import { parseBytes } from './units.js';

/** `maxImportDrives`: the scenario's arrivals.maxImportDrives (the spec: an import job lists at most 10 drives). */
export function readTrace(scenarioFile: string, traceFile: string, startIso: string, maxImportDrives = Infinity): TraceJob[] {
  const path = resolve(dirname(scenarioFile), traceFile);
  const where = `${scenarioFile}: arrivals.trace: ${path}`;
  if (!existsSync(path)) throw new ScenarioError([`${where}: no such file`]);
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
  const rows = parsed.data;
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const problems: string[] = [];
  for (const need of ['time', 'type', 'drives']) if (col(need) < 0) problems.push(`${where}:1: missing column "${need}" (expected time,type,drives[,bytes])`);
  if (problems.length) throw new ScenarioError(problems);
  const start = parseInstant(startIso);
  const jobs: TraceJob[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i], line = i + 1;
    const cell = (name: string) => (r[col(name)] ?? '').trim();
    let time = NaN;
    try {
      time = parseInstant(cell('time')) - start;
    } catch {
      problems.push(`${where}:${line}: column time: expected an ISO 8601 instant, got "${cell('time')}"`);
    }
    const type = cell('type');
    if (type !== 'import' && type !== 'export') problems.push(`${where}:${line}: column type: expected import or export, got "${type}"`);
    const drives = Number(cell('drives'));
    if (!Number.isInteger(drives) || drives < 1) problems.push(`${where}:${line}: column drives: expected a whole number >= 1, got "${cell('drives')}"`);
    else if (type === 'import' && drives > maxImportDrives) {
      problems.push(`${where}:${line}: column drives: an import job lists at most ${maxImportDrives} drives (arrivals.maxImportDrives), got ${drives}`);
    }
    let bytes: number | undefined;
    if (col('bytes') >= 0 && cell('bytes') !== '') {
      bytes = /^\d+(\.\d+)?$/.test(cell('bytes')) ? Number(cell('bytes')) : parseBytes(cell('bytes'));
      if (bytes === undefined || !(bytes > 0)) problems.push(`${where}:${line}: column bytes: expected a size such as 2TB or a number of bytes, got "${cell('bytes')}"`);
    }
    if (problems.length > 50) break;
    jobs.push({ time, type: type as TraceJob['type'], drives, bytes });
  }
  if (problems.length) throw new ScenarioError(problems);
  return jobs.sort((a, b) => a.time - b.time);
}
