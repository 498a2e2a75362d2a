import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/sim/event-queue.js';

type Op = { kind: 'push'; time: number; prio: number } | { kind: 'cancel'; which: number } | { kind: 'reschedule'; which: number; time: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }), prio: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reschedule' as const), which: fc.nat(), time: fc.integer({ min: 0, max: 20 }) }) },
);

describe('EventQueue tie order', () => {
  it('pops in (time, priority, seq) order for any insertion order, with cancellations and reschedules', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(16); // small start: exercises growth
        type Model = { id: number; time: number; prio: number; seq: number; handle: number; live: boolean };
        const model: Model[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op.kind === 'push') {
            const id = model.length;
            const handle = q.push(op.time, op.prio, () => {}, id);
            model.push({ id, time: op.time, prio: op.prio, seq: seq++, handle, live: true });
          } else if (model.length > 0) {
            const m = model[op.which % model.length];
            if (op.kind === 'cancel') {
              expect(q.cancel(m.handle)).toBe(m.live);
              m.live = false;
            } else {
              expect(q.reschedule(m.handle, op.time)).toBe(m.live);
              if (m.live) { m.time = op.time; m.seq = seq++; }
            }
          }
        }
        const expected = model.filter((m) => m.live)
          .sort((a, b) => a.time - b.time || a.prio - b.prio || a.seq - b.seq).map((m) => m.id);
        const got: number[] = [];
        while (q.pop()) got.push(q.poppedData as number);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('a handle of an event that already ran cannot cancel the event that reuses its slot', () => {
    const q = new EventQueue();
    const first = q.push(1, 0, () => {}, 'first');
    expect(q.pop()).toBe(true);
    const second = q.push(2, 0, () => {}, 'second');
    expect(q.cancel(first)).toBe(false);
    expect(q.isPending(second)).toBe(true);
    expect(q.pop()).toBe(true);
    expect(q.poppedData).toBe('second');
  });

  it('handles a hundred thousand events out of order', () => {
    const q = new EventQueue(4);
    const n = 100_000;
    for (let i = 0; i < n; i++) q.push((i * 7919) % n, 0, () => {}, i);
    let last = -1;
    let count = 0;
    while (q.pop()) {
      expect(q.poppedTime).toBeGreaterThan(last);
      last = q.poppedTime;
      count++;
    }
    expect(count).toBe(n);
  });

  it('cancelled and rescheduled events leave the heap: it stays near the live count, and the survivors pop in order', () => {
    const q = new EventQueue(16);
    const n = 100_000;
    const handles: number[] = [];
    for (let i = 0; i < n; i++) handles.push(q.push((i * 7919) % n, i % 3, () => {}, i));
    // Cancel nine in ten, and move every hundredth survivor, in a scrambled order.
    const expected: { id: number; time: number; prio: number; seq: number }[] = [];
    let seq = n;
    for (let k = 0; k < n; k++) {
      const i = (k * 104729) % n;
      if (i % 10 !== 0) {
        expect(q.cancel(handles[i])).toBe(true);
        expect(q.heapEntries).toBeLessThanOrEqual(2 * q.size + 1025);
      } else if (i % 1000 === 0) {
        expect(q.reschedule(handles[i], n + i)).toBe(true);
        expected.push({ id: i, time: n + i, prio: i % 3, seq: seq++ });
      } else {
        expected.push({ id: i, time: (i * 7919) % n, prio: i % 3, seq: i });
      }
    }
    expect(q.size).toBe(n / 10);
    expected.sort((a, b) => a.time - b.time || a.prio - b.prio || a.seq - b.seq);
    const got: number[] = [];
    while (q.pop()) got.push(q.poppedData as number);
    expect(got).toEqual(expected.map((e) => e.id));
    expect(q.heapEntries).toBe(0);
  });
});
