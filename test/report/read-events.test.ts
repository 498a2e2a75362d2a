/**
 * events.csv read from its bytes (read-events.ts) gives the report exactly
 * what papaparse's cells gave, on the awkward parts of CSV: columns in
 * another order, no detail column, CRLF, a byte-order mark, quoted cells
 * with commas, quotes and line breaks, UTF-8 in a sampled job's detail,
 * short rows; and bad input is a user error naming the file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventAggregator } from '../../src/report/assemble.js';
import { eventWarnings, readEvents } from '../../src/report/read-events.js';
import { streamColumns } from '../../src/report/read-outputs.js';
import { UserError } from '../../src/cli/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-read-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'time,kind,entity,id,job,from,to,rule,package,detail';
const LINES = [
  '2026-03-01T00:00:00.000Z,put,job,J-1,J-1,,,,,type=import;drives=2',
  '2026-03-01T00:00:00.000Z,state,job,J-1,J-1,,Creating,,,',
  '2026-03-01T00:00:00.000Z,put,job,J-2,J-2,,,,,"type=export;drives=1;note=a,b ""quoted"""',
  '2026-03-01T00:00:00.000Z,state,job,J-2,J-2,,Creating,,,',
  '2026-03-02T06:00:00.000Z,state,job,J-1,J-1,Creating,Shipping,R-SHIP-REQUIRES,,',
  '2026-03-02T06:00:00.000Z,alert,job,J-2,J-2,,,R-CREATING-EXPIRE,,"Größe ""über"" 90 Tage,\nzweite Zeile"',
  '2026-03-03T00:00:00.000Z,state,job,J-2,J-2,Creating,Closed,R-CREATING-EXPIRE,,Überschrift',
  '2026-03-09T00:00:00.000Z,state,job,J-1,J-1,Shipping,Received,R-RECEIVED',
  '2026-03-10T12:30:00.500Z,contact,job,J-1,J-1,,,R-SHIP-NORESPONSE,,Kontakt: ✉',
  '2026-03-20T00:00:00.000Z,delete,job,J-1,J-1,,,R-DELETE,,',
];

/** What the aggregator makes of a file with each reader. */
async function both(name: string, text: string): Promise<[unknown, unknown]> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const viaBytes = new EventAggregator({ fallbackSize: 10 });
  await readEvents(path, viaBytes);
  const viaPapa = new EventAggregator({ fallbackSize: 10 });
  await streamColumns(path, ['time', 'kind', 'entity', 'id', 'job', 'to', 'rule', 'detail'], ['time'], (c) => viaPapa.addRow(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
  return [viaBytes.finish(null), viaPapa.finish(null)];
}

/** The same rows with the columns in `order` (cells are moved by the header's names; quoted cells kept whole). */
function reorder(order: string[]): string {
  const names = HEADER.split(',');
  const split = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')).slice(0, names.length);
  return [order.join(','), ...LINES.map((l) => {
    const cells = split(l);
    return order.map((n) => cells[names.indexOf(n)] ?? '').join(',');
  })].join('\n') + '\n';
}

describe('events.csv read from its bytes for the report', () => {
  it('gives the aggregator what papaparse gave: quoted cells, UTF-8 details, short rows', async () => {
    const [bytes, papa] = await both('plain.csv', [HEADER, ...LINES].join('\n') + '\n');
    expect(bytes).toEqual(papa);
    const res = bytes as { markers: { detail: string }[]; seenJobs: { job: string; type: string }[]; rows: number };
    expect(res.rows).toBe(LINES.length);
    expect(res.markers.map((m) => m.detail)).toContain('Größe "über" 90 Tage,\nzweite Zeile');
    expect(res.seenJobs.map((j) => `${j.job}:${j.type}`)).toEqual(['J-1:import', 'J-2:export']);
  });

  it('reads CRLF line ends as papaparse does, and a byte-order mark (which papaparse took for part of the first column name)', async () => {
    const [crlf, crlfPapa] = await both('crlf.csv', [HEADER, ...LINES].join('\r\n') + '\r\n');
    expect(crlf).toEqual(crlfPapa);
    expect((crlf as { rows: number }).rows).toBe(LINES.length);
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\ufeff' + [HEADER, ...LINES].join('\r\n') + '\r\n');
    const withBom = new EventAggregator({ fallbackSize: 10 });
    await readEvents(path, withBom);
    expect(withBom.finish(null)).toEqual(crlf);
  });

  it('finds the columns by name, in any order, and a file without a detail column still reads', async () => {
    const [a, b] = await both('reordered.csv', reorder(['rule', 'to', 'time', 'detail', 'job', 'id', 'entity', 'kind', 'from', 'package']));
    expect(a).toEqual(b);
    const [plain] = await both('plain2.csv', [HEADER, ...LINES].join('\n') + '\n');
    expect(a).toEqual(plain);
    const [noDetail, noDetailPapa] = await both('nodetail.csv', reorder(['time', 'kind', 'entity', 'id', 'job', 'from', 'to', 'rule']));
    expect(noDetail).toEqual(noDetailPapa);
  });

  it('times in other forms than the writer\'s, or unreadable, mean what Date.parse says (a row without a time is skipped)', async () => {
    const lines = [
      '2026-03-01T00:00:00.000Z,put,job,J-1,J-1,,,,,type=import;drives=1',
      '2026-03-01T00:00:00Z,state,job,J-1,J-1,,Creating,,,',
      '2026-03-02T01:02:03.004+00:00,state,job,J-1,J-1,Creating,Shipping,R-SHIP-REQUIRES,,',
      'not a time,state,job,J-1,J-1,Shipping,Received,R-RECEIVED,,',
      '2026-03-0xT00:00:00.000Z,alert,job,J-1,J-1,,,R-SHIP-OVERDUE,,',
      '2026-03-04T1x:00:00.000Z,alert,job,J-1,J-1,,,R-SHIP-OVERDUE,,',
      '2026-03-05T23:59:59.999Z,state,job,J-1,J-1,Shipping,Received,R-RECEIVED,,',
      '2026-03-06T00:00:00.000Z,state,job,J-1,J-1,Received,Transferring,R-TRANSFER-START,,',
    ];
    const [bytes, papa] = await both('times.csv', [HEADER, ...lines].join('\n') + '\n');
    expect(bytes).toEqual(papa);
    const res = bytes as { rows: number; lastTime: number };
    expect(res.rows).toBe(5);
    expect(res.lastTime).toBe(Date.UTC(2026, 2, 6));
  });

  it('rows it cannot use whole are counted with the first line of each kind, and worded as warnings; a clean file has none', async () => {
    const lines = [
      '2026-03-01T00:00:00.000Z,put,job,J-1,J-1,,,,,type=import;drives=1',
      'not a time,state,job,J-1,J-1,Shipping,Received,R-RECEIVED,,',
      '2026-03-02T00:00:00.000Z,state,job,J-1,J-1,,Creating',
      'garbage',
      '2026-13-45T00:00:00.000Z,state,job,J-1,J-1,Creating,Shipping,,,',
      '2026-03-03T00:00:00.000Z,state,job,J-1,J-1,Creating,Shipping,"R-SHIP-REQUIRES",,,extra',
    ];
    const path = join(dir, 'problems.csv');
    writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
    const problems = await readEvents(path, new EventAggregator());
    expect(problems).toEqual({ noTime: 3, firstNoTime: 3, ragged: 3, firstRagged: 4 });
    expect(eventWarnings(path, problems)).toEqual([
      `${path}: 3 rows without a readable time left out of the charts (the first at line 3; \`iesim check\` names every problem)`,
      `${path}: 3 rows with another number of fields than the header, read as far as they go (the first at line 4)`,
    ]);
    const clean = join(dir, 'clean.csv');
    // LINES but its short row (8 fields, on purpose: rows read as far as they go); quoted cells and line breaks are fine.
    writeFileSync(clean, [HEADER, ...LINES.filter((l) => !l.endsWith('R-RECEIVED'))].join('\n') + '\n');
    expect(eventWarnings(clean, await readEvents(clean, new EventAggregator()))).toEqual([]);
  });

  it('a missing column or broken quoting is a user error naming the file', async () => {
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'time,kind,entity,id\n2026-03-01T00:00:00.000Z,put,job,J-1\n');
    await expect(readEvents(missing, new EventAggregator())).rejects.toThrow(new UserError(`${missing}: no column job, to, rule (see docs/outputs.md)`));
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, `${HEADER}\n2026-03-01T00:00:00.000Z,put,job,J-1,J-1,,,,,"never closed\n`);
    const err = await readEvents(broken, new EventAggregator()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(new RegExp(`^cannot read ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 2`));
  });
});
