import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../src/sim/simulation.js';
import { DAY } from '../../src/sim/time.js';

/**
 * A script of operations run twice: once with line timers, once with the
 * same timeouts as plain heap events. Every event logs (time, name).
 */
type Op =
  | { kind: 'event'; at: number; priority: number }
  | { kind: 'timer'; line: number; at: number }
  | { kind: 'cancel'; pick: number; at: number }
  | { kind: 'restart'; pick: number; at: number };

const DELAYS = [0, 5, 30];
const PRIORITIES = [-1, 0, 1];

function play(ops: Op[], useLines: boolean): string[] {
  const sim = new Simulation();
  const log: string[] = [];
  const fire = (name: string) => log.push(`${sim.now}:${name}`);
  const lines = DELAYS.map((d, i) => sim.line<string>(d, fire, PRIORITIES[i]));
  // Timers by creation number: [line, handle] (handles change on restart).
  const timers: { line: number; handle: number; name: string }[] = [];
  let n = 0;
  for (const op of ops) {
    sim.at(op.at, () => {
      if (op.kind === 'event') sim.at(sim.now + 1, () => fire(`e${n++}`), undefined, op.priority);
      else if (op.kind === 'timer') {
        const name = `t${n++}`;
        const handle = useLines ? lines[op.line].start(name) : sim.after(DELAYS[op.line], () => fire(name), undefined, PRIORITIES[op.line]);
        timers.push({ line: op.line, handle, name });
      } else if (timers.length > 0) {
        const t = timers[op.pick % timers.length];
        if (op.kind === 'cancel') log.push(`${sim.now}:cancel ${t.name} ${sim.cancel(t.handle)}`);
        else if (sim.isPending(t.handle)) {
          if (useLines) t.handle = sim.restart(t.handle);
          else sim.reschedule(t.handle, sim.now + DELAYS[t.line]);
          log.push(`${sim.now}:restart ${t.name} due ${sim.dueTime(t.handle)}`);
        }
      }
    });
  }
  sim.run();
  return log;
}

describe('TimerLine: fixed-delay timeouts off the heap, in the same order', () => {
  it('runs, cancels and restarts timers exactly as the same timeouts in the event heap would (ties included)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('event' as const), at: fc.integer({ min: 0, max: 25 }), priority: fc.constantFrom(...PRIORITIES) }),
      fc.record({ kind: fc.constant('timer' as const), line: fc.integer({ min: 0, max: 2 }), at: fc.integer({ min: 0, max: 25 }) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), at: fc.integer({ min: 0, max: 25 }) }),
      fc.record({ kind: fc.constant('restart' as const), pick: fc.nat(), at: fc.integer({ min: 0, max: 25 }) }),
    );
    fc.assert(fc.property(fc.array(op, { minLength: 20, maxLength: 300, size: "max" }), (ops) => {
      expect(play(ops, true)).toEqual(play(ops, false));
    }), { numRuns: 300 });
  });

  it('a 14-day timeout restarted at day 10 fires at day 24, once', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const line = sim.line<null>(14 * DAY, () => fired.push(sim.now));
    let timer = line.start(null);
    sim.after(10 * DAY, () => { timer = sim.restart(timer); });
    sim.run();
    expect(fired).toEqual([24 * DAY]);
    expect(sim.isPending(timer)).toBe(false);
    expect(sim.cancel(timer)).toBe(false);
  });

  it('keeps thousands of pending timers in one heap slot, and the pending count includes them', () => {
    const sim = new Simulation();
    let fired = 0;
    const line = sim.line<number>(90 * DAY, () => fired++);
    const handles: number[] = [];
    for (let i = 0; i < 5000; i++) sim.at(i * 1000, () => handles.push(line.start(i)));
    sim.run(5000 * 1000);
    expect(sim.pending).toBe(5000);
    for (let i = 0; i < 5000; i += 2) expect(sim.cancel(handles[i])).toBe(true);
    expect(sim.pending).toBe(2500);
    expect(sim.dueTime(handles[1])).toBe(90 * DAY + 1000);
    sim.run();
    expect(fired).toBe(2500);
  });

  it('a line timer cannot be rescheduled to an arbitrary time (the line would lose its order)', () => {
    const sim = new Simulation();
    const t = sim.line<null>(10, () => {}).start(null);
    expect(() => sim.reschedule(t, 50)).toThrow(/restart it on its line/);
  });
});
