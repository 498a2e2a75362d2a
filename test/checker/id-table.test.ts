/**
 * IdTable (id-table.ts): the checker's ID → record table must answer exactly
 * as a Map<string, R> would, whether asked with a string or with the bytes
 * of the ID as they lie in a file buffer, through growth, collisions and
 * removals (its backward-shift deletion leaves no stale entry behind).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdTable, MAX_KEY, idHash } from '../../src/checker/id-table.js';
import { fieldHash } from '../../src/checker/intern.js';

/** IDs from a small alphabet, so the same ones come back; some long or non-ASCII (kept apart from the inline slots). */
const idArb = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[JD0-9-]{1,14}$/) },
  { weight: 1, arbitrary: fc.stringMatching(new RegExp(`^[A-Z]{${MAX_KEY - 1},${MAX_KEY + 3}}$`)) },
  { weight: 1, arbitrary: fc.constantFrom('J-é1', 'Ж-2', 'J\r1', 'ü') },
);

type Op = { kind: 'set' | 'delete' | 'get'; id: string };
const opArb = fc.record({ kind: fc.constantFrom<Op['kind']>('set', 'set', 'delete', 'get'), id: idArb });

/** Looks `id` up by its bytes, placed at an offset inside a larger buffer as in a file chunk. */
function byBytes<R>(t: IdTable<R>, id: string): R | undefined {
  const bytes = Buffer.from(`xx,${id},yy`, 'utf8');
  const start = 3, end = bytes.length - 3;
  return t.findBytes(bytes, start, end, fieldHash(bytes, start, end));
}

describe('IdTable', () => {
  it('answers every get, byte lookup, has and size exactly as a Map does, through growth and removals', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
      const table = new IdTable<number>(2);
      const map = new Map<string, number>();
      ops.forEach((op, i) => {
        if (op.kind === 'set') {
          table.set(op.id, i);
          map.set(op.id, i);
        } else if (op.kind === 'delete') {
          expect(table.delete(op.id)).toBe(map.delete(op.id));
        }
        expect(table.get(op.id)).toBe(map.get(op.id));
        expect(byBytes(table, op.id)).toBe(map.get(op.id));
        expect(table.size).toBe(map.size);
      });
      for (const [id, v] of map) {
        expect(table.get(id)).toBe(v);
        expect(byBytes(table, id)).toBe(v);
        expect(table.has(id)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('finds IDs whose hashes all collide, and forgets each one removed in any order', () => {
    // Same length, same hash: "Aa" and "BB" hash alike under h*31+c, and so do their concatenations.
    const ids = ['AaAa', 'AaBB', 'BBAa', 'BBBB'];
    expect(new Set(ids.map(idHash)).size).toBe(1);
    fc.assert(fc.property(fc.shuffledSubarray(ids, { minLength: 4, maxLength: 4 }), (order) => {
      const table = new IdTable<string>(2);
      for (const id of ids) table.set(id, id);
      const left = new Set(ids);
      for (const id of order) {
        expect(table.delete(id)).toBe(true);
        left.delete(id);
        for (const other of ids) expect(byBytes(table, other)).toBe(left.has(other) ? other : undefined);
      }
      expect(table.size).toBe(0);
    }));
  });

  it('take, replaceIf and deleteIf answer as the get-then-set/delete they replace, through growth and removals', () => {
    type Op2 = { kind: 'set' | 'take' | 'replaceIf' | 'deleteIf'; id: string; expected: number };
    const op2Arb = fc.record({ kind: fc.constantFrom<Op2['kind']>('set', 'set', 'take', 'replaceIf', 'deleteIf'), id: idArb, expected: fc.integer({ min: 0, max: 3 }) });
    fc.assert(fc.property(fc.array(op2Arb, { maxLength: 400 }), (ops) => {
      const table = new IdTable<number>(2);
      const map = new Map<string, number>();
      ops.forEach((op, i) => {
        const v = i % 4;
        if (op.kind === 'set') {
          table.set(op.id, v);
          map.set(op.id, v);
        } else if (op.kind === 'take') {
          const had = map.get(op.id);
          map.delete(op.id);
          expect(table.take(op.id)).toBe(had);
        } else if (op.kind === 'replaceIf') {
          const hit = map.get(op.id) === op.expected;
          if (hit) map.set(op.id, v);
          expect(table.replaceIf(op.id, op.expected, v)).toBe(hit);
        } else {
          const hit = map.get(op.id) === op.expected;
          if (hit) map.delete(op.id);
          expect(table.deleteIf(op.id, op.expected)).toBe(hit);
        }
        expect(table.get(op.id)).toBe(map.get(op.id));
        expect(byBytes(table, op.id)).toBe(map.get(op.id));
        expect(table.size).toBe(map.size);
      });
      for (const [id, v] of map) expect(byBytes(table, id)).toBe(v);
    }), { numRuns: 300 });
  });

  it('tells apart keys of every length that differ only in their last byte', () => {
    const table = new IdTable<string>(2);
    const ids: string[] = [];
    for (let len = 1; len <= MAX_KEY + 1; len++) for (const last of ['A', 'B', '\r']) ids.push('x'.repeat(len - 1) + last);
    for (const id of ids) table.set(id, id);
    for (const id of ids) {
      expect(table.get(id)).toBe(id);
      expect(byBytes(table, id)).toBe(id);
    }
    expect(table.get('x'.repeat(MAX_KEY - 1) + 'C')).toBeUndefined();
    expect(byBytes(table, 'x'.repeat(MAX_KEY - 1))).toBe(undefined);
    for (const id of ids) expect(table.delete(id)).toBe(true);
    expect(table.size).toBe(0);
  });

  it('getPrefix answers as get of the prefix, without making it', () => {
    fc.assert(fc.property(fc.array(idArb, { maxLength: 60 }), idArb, fc.nat(), (ids, probe, cut) => {
      const table = new IdTable<string>(2);
      for (const id of ids) table.set(id, id);
      for (const id of [...ids, probe]) {
        for (const len of [0, cut % (id.length + 1), id.length]) expect(table.getPrefix(id, len)).toBe(table.get(id.slice(0, len)));
      }
    }), { numRuns: 300 });
  });

  it('hashes a string ID as the byte reader hashes its bytes', () => {
    fc.assert(fc.property(fc.stringMatching(/^[ -~\r]{0,30}$/), (id) => {
      const b = Buffer.from(id, 'latin1');
      expect(idHash(id)).toBe(fieldHash(b, 0, b.length));
    }));
  });
});
