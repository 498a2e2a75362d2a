import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderedFile } from '../../src/output/ordered-file.js';
import { hashFiles } from '../../src/output/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-ordered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('a file written from chunks that arrive out of order', () => {
  it('holds the header, then the chunks in the order they were reserved', async () => {
    const path = join(dir, 'a.csv');
    const f = new OrderedFile(path, 'h\n', () => {}, (err) => { throw err; });
    const seqs = [0, 1, 2, 3].map(() => f.reserve());
    for (const s of [2, 0, 3, 1]) f.put(seqs[s], bytes(`chunk ${s}\n`));
    expect(f.complete).toBe(true);
    await f.end();
    expect(readFileSync(path, 'utf8')).toBe('h\nchunk 0\nchunk 1\nchunk 2\nchunk 3\n');
  });

  it('counts a chunk in flight from its reservation until the OS has it', async () => {
    const path = join(dir, 'b.csv');
    let written = 0;
    const f = new OrderedFile(path, 'h\n', () => written++, (err) => { throw err; });
    const a = f.reserve();
    const b = f.reserve();
    f.put(b, bytes('b\n'));
    expect(f.inFlight).toBe(2); // b waits for a
    expect(f.complete).toBe(false);
    f.put(a, bytes('a\n'));
    await f.end();
    expect(f.inFlight).toBe(0);
    expect(written).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('h\na\nb\n');
  });

  it('reports a folder that does not exist as an error naming the file', async () => {
    const err = await new Promise<Error>((resolve) => new OrderedFile(join(dir, 'missing', 'c.csv'), 'h\n', () => {}, resolve));
    expect(err.message).toMatch(/cannot write c\.csv: ENOENT/);
  });
});

describe('a file hashed as it is written (manifest.json does not read it back)', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('says the size and SHA-256 of exactly what is in the file, header and non-ASCII text included', async () => {
    const sub = mkdtempSync(join(dir, 'hash-'));
    const path = join(sub, 'd.csv');
    const f = new OrderedFile(path, 'größe\n', () => {}, (err) => { throw err; });
    const seqs = [0, 1, 2].map(() => f.reserve());
    for (const s of [1, 2, 0]) f.put(seqs[s], bytes(`zeile ${s} – ü\n`));
    const written = await f.end();
    expect(written.bytes).toBe(readFileSync(path).length);
    expect(written.sha256).toBe(sha(path));
    expect(await hashFiles(sub, [], [written])).toEqual({ 'd.csv': sha(path) });
  });

  it('hashFiles trusts a known hash only while the file keeps its size; a file changed since is read again', async () => {
    const sub = mkdtempSync(join(dir, 'known-'));
    const same = join(sub, 'same.csv');
    const grown = join(sub, 'grown.csv');
    writeFileSync(same, 'a,b\n');
    writeFileSync(grown, 'a,b\n');
    const known = [{ path: same, bytes: 4, sha256: 'as-written' }, { path: grown, bytes: 4, sha256: 'stale' }];
    appendFileSync(grown, '1,2\n');
    expect(await hashFiles(sub, [], known)).toEqual({ 'grown.csv': sha(grown), 'same.csv': 'as-written' });
  });
});
