import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/simulation.js';
import { DAY } from '../../src/sim/time.js';

describe('Simulation clock and timers', () => {
  it('a reset timer fires only at its new time (a 14-day timeout reset at day 10 fires at day 24)', () => {
    const sim = new Simulation({ start: '2026-01-01' });
    const fired: number[] = [];
    const timer = sim.after(14 * DAY, () => fired.push(sim.now));
    sim.after(10 * DAY, () => sim.reschedule(timer, sim.now + 14 * DAY));
    sim.run();
    expect(fired).toEqual([24 * DAY]);
    expect(sim.isoTime(fired[0])).toBe('2026-01-25T00:00:00.000Z');
  });

  it('a cancelled timer never fires, and cancelling twice reports false', () => {
    const sim = new Simulation();
    let fired = false;
    const timer = sim.after(5, () => { fired = true; });
    sim.after(1, () => expect(sim.cancel(timer)).toBe(true));
    sim.run();
    expect(fired).toBe(false);
    expect(sim.cancel(timer)).toBe(false);
    expect(sim.isPending(timer)).toBe(false);
  });

  it('ties run by priority, then in the order they were scheduled', () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.at(10, () => order.push('b0'), undefined, 0);
    sim.at(10, () => order.push('a-1'), undefined, -1);
    sim.at(10, () => order.push('c0'), undefined, 0);
    sim.at(10, () => order.push('d1'), undefined, 1);
    sim.at(5, () => sim.at(10, () => order.push('e0-late'), undefined, 0));
    sim.run();
    expect(order).toEqual(['a-1', 'b0', 'c0', 'e0-late', 'd1']);
  });

  it('an event scheduled for the current instant runs after those already due', () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.at(1, () => { order.push('first'); sim.after(0, () => order.push('zero-delay')); });
    sim.at(1, () => order.push('second'));
    sim.run();
    expect(order).toEqual(['first', 'second', 'zero-delay']);
  });

  it('run(until) stops at the horizon, leaves later events pending and sets the clock', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [1, 5, 10, 11]) sim.at(t, () => seen.push(t));
    expect(sim.run(10)).toBe(3);
    expect(seen).toEqual([1, 5, 10]);
    expect(sim.now).toBe(10);
    expect(sim.peek()).toBe(11);
    expect(sim.pending).toBe(1);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.peek()).toBe(Infinity);
  });

  it('stop() ends run() after the current event', () => {
    const sim = new Simulation();
    let count = 0;
    for (let i = 1; i <= 5; i++) sim.at(i, () => { if (++count === 2) sim.stop(); });
    sim.run();
    expect(count).toBe(2);
    expect(sim.now).toBe(2);
  });

  it('time is whole milliseconds: fractional delays are rounded, so ties are exact', () => {
    const sim = new Simulation();
    const times: number[] = [];
    sim.after(0.4 + 0.2, () => times.push(sim.now));
    sim.after(1.4, () => times.push(sim.now));
    sim.run();
    expect(times).toEqual([1, 1]);
  });

  it('refuses to schedule in the past or with a bad delay, with a clear message', () => {
    const sim = new Simulation();
    sim.run(100);
    expect(() => sim.at(50, () => {})).toThrow(/cannot schedule at 50 ms: the clock is already at 100 ms/);
    expect(() => sim.after(-1, () => {})).toThrow(/delay must be a finite number of ms >= 0/);
    expect(() => sim.after(NaN, () => {})).toThrow(/delay/);
    expect(() => new Simulation({ start: '1 March 2026' })).toThrow(/ISO 8601/);
  });

  it('formats instants as ISO 8601 UTC with milliseconds', () => {
    const sim = new Simulation({ start: '2026-03-01T08:00:00Z' });
    expect(sim.isoTime(0)).toBe('2026-03-01T08:00:00.000Z');
    expect(sim.isoTime(DAY + 1234)).toBe('2026-03-02T08:00:01.234Z');
    expect(sim.isoTime(16 * 3600 * 1000 - 1)).toBe('2026-03-01T23:59:59.999Z');
  });
});
