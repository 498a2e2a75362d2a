/**
 * `iesim diff A.csv B.csv [--context N]`: walks two timelines row by row and
 * shows the first row where they differ, with N rows of context on both
 * sides, line numbers, and the columns that differ (golden-trace regression:
 * after a rule change, see where behaviour first departs). Streams both files.
 * Exit 0 identical, 1 different, 2 unreadable.
 */
import type { Command } from './command.js';
import { UserError } from '../errors.js';
import { CsvRecordReader, type CsvRecord } from '../../checker/index.js';
import { processOutput, readError, type CommandOutput } from './check.js';

export interface DiffArgs {
  a: string;
  b: string;
  context?: number;
}

/** A CSV record written back as one CSV line (quoted where needed). */
export function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

function sameRecord(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `to: Received → Closed` for each column that differs (named from A's header). */
export function differingColumns(a: string[], b: string[], header: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const name = header[i] ?? `column ${i + 1}`;
    const show = (v: string | undefined) => (v === undefined ? '(missing)' : v === '' ? '(empty)' : v);
    out.push(`${name}: ${show(a[i])} → ${show(b[i])}`);
  }
  return out;
}

async function nextOf(r: CsvRecordReader, path: string): Promise<CsvRecord | null> {
  try {
    return await r.next();
  } catch (err) {
    throw readError(path, err);
  }
}

export async function runDiff(args: DiffArgs, io: CommandOutput = processOutput): Promise<number> {
  const context = args.context ?? 3;
  if (!Number.isInteger(context) || context < 0) throw new UserError(`--context must be a whole number ≥ 0, got ${args.context}`);
  const a = new CsvRecordReader(args.a);
  const b = new CsvRecordReader(args.b);
  try {
    const before: [CsvRecord, CsvRecord][] = []; // the last `context` equal rows
    let header: string[] = [];
    let row = 0; // index of the record (0 = the header)
    for (;;) {
      const [ra, rb] = await Promise.all([nextOf(a, args.a), nextOf(b, args.b)]);
      if (ra === null && rb === null) {
        io.out(`${args.a} and ${args.b} are identical (${Math.max(0, row - 1).toLocaleString('en-US')} rows after the header)\n`);
        return 0;
      }
      if (ra !== null && rb !== null && sameRecord(ra.fields, rb.fields)) {
        if (row === 0) header = ra.fields;
        if (context > 0) {
          before.push([ra, rb]);
          if (before.length > context) before.shift();
        }
        row++;
        continue;
      }
      const afterA = await following(a, args.a, context);
      const afterB = await following(b, args.b, context);
      io.out(report(args, row, before, ra, rb, afterA, afterB, row === 0 ? (ra ?? rb)!.fields : header));
      return 1;
    }
  } finally {
    a.close();
    b.close();
  }
}

async function following(r: CsvRecordReader, path: string, n: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  while (out.length < n) {
    const rec = await nextOf(r, path);
    if (rec === null) break;
    out.push(rec);
  }
  return out;
}

/** A unified-diff-like hunk: common rows, then A's rows (-) and B's rows (+) from the first difference on. */
function report(args: DiffArgs, row: number, before: [CsvRecord, CsvRecord][], ra: CsvRecord | null, rb: CsvRecord | null,
  afterA: CsvRecord[], afterB: CsvRecord[], header: string[]): string {
  const width = String(Math.max(ra?.line ?? 0, rb?.line ?? 0, ...afterA.map((r) => r.line), ...afterB.map((r) => r.line))).length;
  const num = (n: number) => String(n).padStart(width);
  const where = row === 0 ? 'the header' : `row ${row.toLocaleString('en-US')}`;
  const lines = [`--- ${args.a}`, `+++ ${args.b}`];
  if (ra && rb) {
    lines.push(`first difference at ${where} (${args.a} line ${ra.line}, ${args.b} line ${rb.line})`);
    lines.push(`columns that differ: ${differingColumns(ra.fields, rb.fields, header).join('; ')}`);
  } else {
    const ended = ra ? args.b : args.a;
    const goesOn = ra ? args.a : args.b;
    lines.push(`first difference at ${where}: ${ended} ends there, ${goesOn} goes on (line ${(ra ?? rb)!.line})`);
  }
  for (const [x, y] of before) {
    lines.push(`  ${x.line === y.line ? num(x.line) : `${num(x.line)}/${y.line}`} | ${csvLine(x.fields)}`);
  }
  for (const r of ra ? [ra, ...afterA] : []) lines.push(`- ${num(r.line)} | ${csvLine(r.fields)}`);
  for (const r of rb ? [rb, ...afterB] : []) lines.push(`+ ${num(r.line)} | ${csvLine(r.fields)}`);
  return `${lines.join('\n')}\n`;
}

export const diffCommand: Command = {
  command: 'diff <a> <b>',
  describe: 'Show the first row where two timelines differ, with context; exit 1 if they differ',
  builder: (y) =>
    y.positional('a', { type: 'string', describe: 'first timeline CSV (shown with -)' })
      .positional('b', { type: 'string', describe: 'second timeline CSV (shown with +)' })
      .option('context', { type: 'number', default: 3, describe: 'rows of context before and after the first difference' })
      .example('$0 diff golden/events.csv out/default/events.csv', 'where does behaviour first depart from the golden trace?'),
  handler: (args) => runDiff({ a: args.a as string, b: args.b as string, context: args.context as number }),
};
