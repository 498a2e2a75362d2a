/**
 * The checker's timer queue (timer-queue.ts: a FIFO line per timer kind and
 * a heap for timers armed out of order) must give timers back in exactly the
 * order one priority queue of all of them would: by due time, then arming
 * order, whatever the mix of kinds, of in-order and out-of-order arms, and of
 * pops between arms.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TIMERS, type TimerKey } from '../../src/spec/timers.js';
import { TimerQueue } from '../../src/checker/timer-queue.js';
import type { Timer } from '../../src/checker/timer-pool.js';

const KEYS = Object.keys(TIMERS) as TimerKey[];

/** An arm at the clock plus a kind's fixed delay, an arm at an arbitrary later time (an extend), or a pop. */
const stepArb = fc.oneof(
  fc.record({ op: fc.constant('arm' as const), key: fc.constantFrom(...KEYS), delay: fc.constantFrom(0, 5, 10), jump: fc.integer({ min: 0, max: 3 }), free: fc.boolean() }),
  fc.record({ op: fc.constant('pop' as const) }),
);

describe('TimerQueue', () => {
  it('pops by due time then arming order, as one sorted queue of all timers would', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 300 }), fc.integer({ min: 0, max: 20 }), (steps, extra) => {
      const q = new TimerQueue<number>();
      const delays = new Map(KEYS.map((k, i) => [k, 3 * i + 1]));
      let now = 0;
      let armed = 0;
      const pending: { due: number; seq: number; t: Timer }[] = [];
      const pop = () => {
        pending.sort((a, b) => a.due - b.due || a.seq - b.seq);
        const want = pending.shift();
        expect(q.peekDue()).toBe(want ? want.due : Infinity);
        // What the checker asks instead of peekDue (no double returned): due before t, due by t.
        if (want) {
          expect(q.dueBefore(want.due)).toBe(false);
          expect(q.dueBefore(want.due + 0.5)).toBe(true);
          expect(q.dueBy(want.due)).toBe(true);
          expect(q.dueBy(want.due - 0.5)).toBe(false);
        } else {
          expect(q.dueBefore(Number.MAX_VALUE)).toBe(false);
          expect(q.dueBy(Number.MAX_VALUE)).toBe(false);
        }
        expect(q.pop()).toBe(want?.t);
      };
      for (const s of steps) {
        if (s.op === 'pop') {
          pop();
          continue;
        }
        now += s.jump;
        // A fixed delay per kind keeps its line in order; a free due time (an extend's until) may not.
        const due = s.free ? now + s.delay + extra : now + delays.get(s.key)!;
        const t = q.arm(s.key, armed, due, now, armed);
        pending.push({ due, seq: armed++, t });
        expect(q.size).toBe(pending.length);
      }
      while (pending.length > 0) pop();
      expect(q.pop()).toBeUndefined();
      expect(q.size).toBe(0);
    }), { numRuns: 300 });
  });
});
