/**
 * Timers are slots of typed arrays (timer-pool.ts), reused through a free
 * list: a slot is freed only when nothing can name it any more (out of the
 * queue and off), so a record holding a fired timer still reads it, and
 * the slots in use follow the timers pending, not the timers ever armed.
 */
import { describe, expect, it } from 'vitest';
import { TimerQueue } from '../../src/checker/timer-queue.js';
import { ARMED, DEAD, LAPSED, MISSED, OFF } from '../../src/checker/timer-pool.js';

describe('TimerPool', () => {
  it('keeps a timer\'s fields until it is freed, and gives a slot back only when it is out of the queue and off', () => {
    const q = new TimerQueue<string>();
    const a = q.arm('retention', 'A', 100, 10, 3);
    const b = q.arm('retention', 'B', 200, 20, 4);
    expect(a).toBeGreaterThan(0); // a set timer field is truthy
    expect([q.key(a), q.due(a), q.armedAt(a), q.armedLine(a), q.owner(a), q.stateOf(a)]).toEqual(['retention', 100, 10, 3, 'A', ARMED]);
    expect(q.used).toBe(2);

    // Disarmed while queued: off at once, freed when it comes out.
    q.disarm(a);
    expect(q.stateOf(a)).toBe(OFF);
    expect(q.owner(a)).toBeNull();
    expect(q.used).toBe(2);
    expect(q.pop()).toBe(a);
    expect(q.used).toBe(1);

    // Popped armed (a missed timer): its owner still holds it, fields intact, until disarmed.
    expect(q.pop()).toBe(b);
    q.setState(b, MISSED);
    expect([q.stateOf(b), q.due(b), q.owner(b)]).toEqual([MISSED, 200, 'B']);
    expect(q.used).toBe(1);
    q.disarm(b);
    expect(q.used).toBe(0);

    // Freed slots are reused; a second disarm of a freed slot changes nothing.
    q.disarm(b);
    const c = q.arm('earlyReturn', 'C', 300, 30, 5);
    const d = q.arm('earlyReturn', 'D', 300, 30, 6);
    expect(new Set([a, b])).toEqual(new Set([c, d]));
    expect([q.owner(c), q.owner(d)]).toEqual(['C', 'D']);
    expect(q.used).toBe(2);
    q.setState(c, LAPSED);
    expect(q.stateOf(c)).toBe(LAPSED);
  });

  it('DEAD reads as a disarmed timer and is never freed or handed out', () => {
    const q = new TimerQueue<string>();
    expect(q.stateOf(DEAD)).toBe(OFF);
    q.disarm(DEAD);
    expect(q.used).toBe(0);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const t = q.arm('retention', 'X', i, 0, 0);
      expect(t).not.toBe(DEAD);
      seen.add(t);
      if (i % 2 === 0) q.disarm(t);
    }
    while (q.pop() !== undefined);
    expect(seen.has(DEAD)).toBe(false);
    expect(q.used).toBe(100); // the armed half, popped, still held until disarmed
  });

  it('slots in use stay at the number of timers pending over a long run of arm, pop and disarm', () => {
    const q = new TimerQueue<number>();
    let maxSlot = 0;
    const held: number[] = [];
    for (let now = 0; now < 100_000; now++) {
      // Each step arms one timer due 50 later and disarms the one armed 30 steps ago (before it is due).
      const t = q.arm('creatingExpire', now, now + 50, now, now);
      maxSlot = Math.max(maxSlot, t);
      held.push(t);
      if (held.length > 30) q.disarm(held.shift()!);
      while (q.peekDue() <= now) {
        const x = q.pop()!;
        expect(q.stateOf(x)).toBe(OFF);
      }
    }
    // At most 50 queued timers at once (+ DEAD and slot 0): slot numbers never grow with the run.
    expect(maxSlot).toBeLessThan(60);
    expect(q.used).toBe(q.size);
  });
});
