/** A scenario's rule durations and policies, in the spec's shapes: what the model runs with and the checker checks against. */
import type { RuleDurations, RulePolicy } from '../spec/rules.js';
import { DEFAULT_POLICY } from '../spec/rules.js';
import type { Scenario } from './schema.js';

export function ruleDurations(s: Scenario): RuleDurations {
  const r = s.rules;
  return {
    creatingExpiry: r.creatingExpiry, shippingOverdue: r.shippingOverdue, neverReceived: r.neverReceived,
    noResponseClose: r.noResponseClose, earlyReturn: r.earlyReturn, earlyDestroy: r.earlyDestroy,
    badAddressDestroy: r.badAddressDestroy, retention: r.retention,
  };
}

export function rulePolicy(s: Scenario): RulePolicy {
  return { cancelAllowedIn: s.rules.cancelAllowedIn, deleteAllowedIn: s.rules.deleteAllowedIn, extraDriveIn: [...DEFAULT_POLICY.extraDriveIn] };
}
