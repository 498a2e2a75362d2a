/**
 * The operations team: a capacity-limited pool of operators working on their
 * calendar. A contact waits for the calendar to open, then for a free
 * operator, takes `contactEffort` of working time, and only then happens
 * (the `contact` row is written when it is made).
 */
import type { World } from './world.js';

export interface ContactTask {
  /** Runs when the contact is made (writes the row, starts the wait for a reply). */
  done: () => void;
  requested: number;
  counted: boolean;
}

export function requestContact(w: World, counted: boolean, done: () => void): void {
  const task: ContactTask = { done, requested: w.sim.now, counted };
  const open = w.opsCalendar.nextOpen(w.sim.now, w.horizon);
  if (open > w.sim.now) w.atBeforeHorizon(open, queueForOperator, { w, task });
  else queueForOperator({ w, task });
}

function queueForOperator(x: { w: World; task: ContactTask }): void {
  x.w.ops.request(startContact, x);
}

function startContact(x: { w: World; task: ContactTask }): void {
  const { w } = x;
  const effort = w.samplers.contactEffort.sample(w.streams.ops);
  const end = w.opsCalendar.addWorking(w.sim.now, effort, w.horizon);
  w.atBeforeHorizon(end, finishContact, x);
}

function finishContact(x: { w: World; task: ContactTask }): void {
  const { w, task } = x;
  w.ops.release();
  if (task.counted) w.kpis.opsWait.add((w.sim.now - task.requested) / 86_400_000);
  task.done();
}

/**
 * The customer's answer to a contact: the delay until the reply, or null when
 * the customer cannot be reached. Drawn from the customer stream.
 */
export function customerAnswer(w: World): number | null {
  const reachable = w.chance(w.scenario.customer.reachable, w.streams.customer);
  const delay = w.samplers.replyDelay.sample(w.streams.customer);
  return reachable ? delay : null;
}
