/** InstantList (instant-list.ts): cleared and refilled at every instant, it holds exactly what was pushed since the last clear. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InstantList } from '../../src/checker/instant-list.js';

describe('InstantList', () => {
  it('holds exactly the entries pushed since the last clear, in order', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer(), fc.constant('clear' as const)), { maxLength: 200 }), (ops) => {
      const list = new InstantList<number>();
      let model: number[] = [];
      for (const op of ops) {
        if (op === 'clear') {
          list.clear();
          model = [];
        } else {
          list.push(op);
          model.push(op);
        }
        expect(list.size).toBe(model.length);
        expect(Array.from({ length: list.size }, (_, i) => list.at(i))).toEqual(model);
      }
    }));
  });
});
