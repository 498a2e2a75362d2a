/**
 * The rule timers, XState-style: a delayed transition is an event scheduled
 * when its state is entered and cancelled when it is left. Each has a
 * deterministic name; rows a timer produces carry `timer=<name>` in their
 * `detail`, so a trace shows which timer fired. The simulator schedules
 * from this table; the checker and the docs read it.
 */
import type { RuleDurations, RuleId } from './rules.js';

export interface TimerDef {
  name: string;
  rule: RuleId;
  duration: keyof RuleDurations;
  entity: 'job' | 'drive';
  /** What starts (or restarts) it. */
  startsOn: string;
  /** What cancels it. */
  cancelledBy: string;
  /** Tie order at one instant (lower first): drive rows before the job's alert. */
  priority: number;
}

export const TIMERS = {
  creatingExpire: {
    name: 'job.creating.expire', rule: 'R-CREATING-EXPIRE', duration: 'creatingExpiry', entity: 'job', priority: 0,
    startsOn: 'Put Job; restarted by every Update while Creating (R-CREATING-RESET)', cancelledBy: 'leaving Creating, delete',
  },
  neverReceived: {
    name: 'job.shipping.never-received', rule: 'R-NEVER-RECEIVED', duration: 'neverReceived', entity: 'job', priority: -1,
    startsOn: 'entering Shipping with no package delivered', cancelledBy: 'a package delivery, leaving Shipping',
  },
  shippingOverdue: {
    name: 'job.shipping.overdue', rule: 'R-SHIP-OVERDUE', duration: 'shippingOverdue', entity: 'job', priority: 0,
    startsOn: 'entering Shipping with no package delivered; an extend (at its until)', cancelledBy: 'a package delivery, leaving Shipping',
  },
  noResponse: {
    name: 'job.contact.no-response', rule: 'R-SHIP-NORESPONSE', duration: 'noResponseClose', entity: 'job', priority: 0,
    startsOn: 'the overdue contact', cancelledBy: 'the customer\'s reply, a package delivery',
  },
  earlyReturn: {
    name: 'drive.early.return', rule: 'R-EARLY-RETURN', duration: 'earlyReturn', entity: 'drive', priority: 0,
    startsOn: 'an early arrival', cancelledBy: 'the customer\'s reply',
  },
  earlyDestroy: {
    name: 'drive.early.destroy', rule: 'R-EARLY-DESTROY', duration: 'earlyDestroy', entity: 'drive', priority: 0,
    startsOn: 'an early arrival whose drive cannot be returned', cancelledBy: 'a return',
  },
  badAddressDestroy: {
    name: 'job.address.destroy', rule: 'R-BAD-RETURN-ADDRESS', duration: 'badAddressDestroy', entity: 'job', priority: 0,
    startsOn: 'the bad-address contact', cancelledBy: 'the customer\'s reply',
  },
  retention: {
    name: 'job.finished.retention', rule: 'R-RETENTION', duration: 'retention', entity: 'job', priority: 0,
    startsOn: 'entering Completed or Closed', cancelledBy: 'delete',
  },
} as const satisfies Record<string, TimerDef>;

export type TimerKey = keyof typeof TIMERS;
