import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CsvPipeline } from '../../src/output/csv-pipeline.js';
import { StringifyPool } from '../../src/output/stringify-pool.js';
import type { Cell } from '../../src/output/batch-codec.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COLUMNS = ['time', 'kind', 'id', 'bytes', 'detail'];

/** Rows whose batches cost very different amounts, so later batches can finish first. */
function rows(n: number): Cell[][] {
  return Array.from({ length: n }, (_, i) => {
    const heavy = Math.floor(i / 2048) % 3 === 0;
    return [`2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, i % 7 ? 'state' : 'ship', `J-${i}`, i * 1_000_003, heavy ? `"quoted, ${'x'.repeat(400)}"` : i % 5 ? '' : 'a,b'];
  });
}

/** What one streaming csv-stringify writes for the same rows (the files before the pool). */
const expected = (rs: Cell[][]) => stringify(rs, { header: true, columns: COLUMNS, eof: true });

async function writeWith(threads: number, name: string, rs: Cell[][]): Promise<string> {
  const p = new CsvPipeline(threads);
  const path = join(dir, name);
  const sink = p.open(path, COLUMNS);
  for (const r of rs) {
    sink.row(r);
    if (p.needsDrain) await p.drain();
  }
  sink.flush();
  await p.close();
  return readFileSync(path, 'utf8');
}

describe('CSV files written by a pool of stringify threads', () => {
  const rs = rows(30_000);

  it('the CSV pool writes batches in order whatever worker finishes first', async () => {
    expect(await writeWith(3, 'order.csv', rs)).toBe(expected(rs));
  });

  it('the files are the same whatever the number of threads', async () => {
    const one = await writeWith(1, 'one.csv', rs);
    expect(await writeWith(2, 'two.csv', rs)).toBe(one);
    expect(await writeWith(4, 'four.csv', rs)).toBe(one);
  });

  it('a file without rows holds its header alone', async () => {
    expect(await writeWith(2, 'empty.csv', [])).toBe('time,kind,id,bytes,detail\n');
  });

  it('several files of one pipeline each get their own rows', async () => {
    const p = new CsvPipeline(2);
    const a = p.open(join(dir, 'multi-a.csv'), COLUMNS);
    const b = p.open(join(dir, 'multi-b.csv'), ['n']);
    for (const r of rs) { a.row(r); b.row([r[3]]); }
    a.flush();
    b.flush();
    await p.close();
    expect(readFileSync(join(dir, 'multi-a.csv'), 'utf8')).toBe(expected(rs));
    expect(readFileSync(join(dir, 'multi-b.csv'), 'utf8')).toBe(stringify(rs.map((r) => [r[3]]), { header: true, columns: ['n'] }));
  });

  it('backpressure: past the cap of batches in flight needsDrain says so, and drain() waits until they are written', async () => {
    const p = new CsvPipeline(2);
    const sink = p.open(join(dir, 'pressure.csv'), COLUMNS);
    for (const r of rows(2048 * 20)) sink.row(r);
    expect(p.needsDrain).toBe(true);
    await p.drain();
    expect(p.needsDrain).toBe(false);
    await p.close();
  });

  it('a folder that does not exist fails the run with an error naming the file', async () => {
    const p = new CsvPipeline(2);
    const sink = p.open(join(dir, 'no', 'such', 'events.csv'), COLUMNS);
    for (const r of rows(5000)) sink.row(r);
    sink.flush();
    await expect(p.close()).rejects.toThrow(/cannot write events\.csv: ENOENT/);
    await p.abort();
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk fails the run, at drain() or at close()', async () => {
    const p = new CsvPipeline(2);
    const sink = p.open('/dev/full', COLUMNS);
    let err: unknown;
    try {
      for (const r of rows(2048 * 20)) {
        sink.row(r);
        if (p.needsDrain) await p.drain();
      }
      sink.flush();
      await p.close();
    } catch (e) {
      err = e;
    }
    expect(String(err)).toMatch(/cannot write full: ENOSPC/);
    await p.abort();
  });

  it('abort() stops the threads without finishing the files', async () => {
    const p = new CsvPipeline(2);
    const sink = p.open(join(dir, 'aborted.csv'), COLUMNS);
    for (const r of rows(5000)) sink.row(r);
    await p.abort();
    expect(p.needsDrain).toBe(false);
  });
});

describe('backpressure', () => {
  it('onFull fires as soon as a file has more than 16 batches in flight, and drain() waits until it is down to 8', async () => {
    const p = new CsvPipeline(1);
    const sink = p.open(join(dir, 'full.csv'), COLUMNS);
    const inFlight = () => (p as unknown as { files: { inFlight: number }[] }).files[0].inFlight;
    let full = 0, atFull = 0;
    p.onFull = () => { if (full++ === 0) atFull = inFlight(); };
    const rs = rows(2048 * 20);
    let i = 0;
    // Synchronous sends: the thread cannot answer before this loop yields.
    for (; i < rs.length && full === 0; i++) sink.row(rs[i]);
    expect(atFull).toBe(17);
    expect(p.needsDrain).toBe(true);
    await p.drain();
    expect(inFlight()).toBeLessThanOrEqual(8);
    for (; i < rs.length; i++) sink.row(rs[i]);
    sink.flush();
    await p.close();
    expect(readFileSync(join(dir, 'full.csv'), 'utf8')).toBe(expected(rs));
  });
});

describe('the stringify pool', () => {
  it('a batch a thread cannot stringify comes back as an error naming the thread', async () => {
    const crashes: Error[] = [];
    const pool = new StringifyPool(1, (err) => crashes.push(err));
    pool.open(0, ['a']);
    const err = await new Promise<Error | null>((resolve) => pool.stringify(0, {} as never, (e) => resolve(e)));
    expect(err?.message).toMatch(/^CSV writer thread: TypeError/);
    await pool.close();
    expect(crashes).toEqual([]);
  });
});
