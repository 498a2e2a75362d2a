/**
 * The rule registry: every rule ID of ../shared/spec/lifecycle.md with what
 * it says, and the durations and policies the spec leaves as parameters.
 * The simulator, the checker, the docs and the charts all read this table.
 */
import { DAY } from '../sim/time.js';
import type { JobState } from './states.js';

export const RULE_IDS = [
  'R-JOB-TRANSITIONS', 'R-DRIVE-TRANSITIONS',
  'R-CREATING-EXPIRE', 'R-CREATING-RESET', 'R-SHIP-REQUIRES', 'R-SHIP-OVERDUE', 'R-SHIP-RESOLVE',
  'R-SHIP-NORESPONSE', 'R-EARLY-ARRIVAL', 'R-EARLY-RETURN', 'R-EARLY-DESTROY', 'R-RECEIVED',
  'R-TRANSFER-START', 'R-PACKAGING', 'R-FINISH', 'R-RETENTION', 'R-CANCEL', 'R-DELETE',
  'R-BAD-RETURN-ADDRESS', 'R-EXTRA-DRIVE', 'R-NEVER-RECEIVED', 'R-LATE-DRIVE', 'R-ORPHAN-DRIVE',
  'R-RETURN-LOST', 'R-FAULT',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** How a rule shows: a timer (fires a fixed time after a start), a consequence of other events, an API check, or an operations escalation. */
export type RuleKind = 'transition' | 'timer' | 'consequence' | 'api' | 'escalation';

export interface RuleDef {
  id: RuleId;
  kind: RuleKind;
  /** Short title for charts and tables. */
  title: string;
  /** When it applies and what happens (the spec's words, condensed). */
  text: string;
  /** For timers: the RuleDurations key that sizes it. */
  duration?: keyof RuleDurations;
}

export const RULES: readonly RuleDef[] = [
  { id: 'R-JOB-TRANSITIONS', kind: 'transition', title: 'job transitions', text: 'a job changes state only along the spec\'s job transition table' },
  { id: 'R-DRIVE-TRANSITIONS', kind: 'transition', title: 'drive transitions', text: 'a drive changes state only along the spec\'s drive transition table' },
  { id: 'R-CREATING-EXPIRE', kind: 'timer', duration: 'creatingExpiry', title: 'Creating expiry', text: 'a job in Creating for 14 days with no Update Job Properties call is deleted' },
  { id: 'R-CREATING-RESET', kind: 'api', title: 'Creating timer reset', text: 'Update Job Properties while Creating restarts the 14-day expiry timer' },
  { id: 'R-SHIP-REQUIRES', kind: 'api', title: 'Shipping needs package and address', text: 'moving to Shipping is refused unless DeliveryPackage and ReturnAddress are set' },
  { id: 'R-SHIP-OVERDUE', kind: 'timer', duration: 'shippingOverdue', title: 'package overdue', text: 'after 14 days in Shipping without the drives, operations are alerted and contact the customer' },
  { id: 'R-SHIP-RESOLVE', kind: 'escalation', title: 'overdue resolved', text: 'the customer answers: operations extend the wait or cancel the job' },
  { id: 'R-SHIP-NORESPONSE', kind: 'timer', duration: 'noResponseClose', title: 'no response: Closed', text: 'no answer within 30 days of the contact: the job goes from Shipping to Closed' },
  { id: 'R-EARLY-ARRIVAL', kind: 'escalation', title: 'early arrival', text: 'drives arrive for a job not yet Shipping, or for no job: operations contact the customer' },
  { id: 'R-EARLY-RETURN', kind: 'timer', duration: 'earlyReturn', title: 'early drives returned', text: 'customer not reached within 14 days of an early arrival: operations try to return the drives' },
  { id: 'R-EARLY-DESTROY', kind: 'timer', duration: 'earlyDestroy', title: 'early drives destroyed', text: 'early drives that cannot be returned are destroyed 90 days after arrival' },
  { id: 'R-RECEIVED', kind: 'consequence', title: 'job Received', text: 'every drive received or NeverReceived: the job goes to Received' },
  { id: 'R-TRANSFER-START', kind: 'consequence', title: 'job Transferring', text: 'a drive of a received job starts processing: the job goes to Transferring' },
  { id: 'R-PACKAGING', kind: 'consequence', title: 'job Packaging', text: 'every drive finished processing: the job goes to Packaging' },
  { id: 'R-FINISH', kind: 'consequence', title: 'job finished', text: 'every drive shipped back: Completed without errors, Closed with errors' },
  { id: 'R-RETENTION', kind: 'timer', duration: 'retention', title: 'retention delete', text: 'a job Completed or Closed for 90 days is deleted' },
  { id: 'R-CANCEL', kind: 'api', title: 'cancel', text: 'cancel allowed before Packaging, refused after; a cancelled job skips the copy and ends Completed' },
  { id: 'R-DELETE', kind: 'api', title: 'delete', text: 'delete allowed only in Creating or Completed; refused otherwise' },
  { id: 'R-BAD-RETURN-ADDRESS', kind: 'escalation', duration: 'badAddressDestroy', title: 'bad return address', text: 'wrong or missing return address: contact the customer; unreached, the drives are destroyed after 90 days' },
  { id: 'R-EXTRA-DRIVE', kind: 'consequence', title: 'extra drive', text: 'a drive not on the job\'s list is not processed, and is returned when the job finishes' },
  { id: 'R-NEVER-RECEIVED', kind: 'timer', duration: 'neverReceived', title: 'drive never received', text: 'missing from its package, or the package is 14 days overdue: the drive goes to NeverReceived' },
  { id: 'R-LATE-DRIVE', kind: 'consequence', title: 'late drive', text: 'a NeverReceived drive that arrives later goes to Received' },
  { id: 'R-ORPHAN-DRIVE', kind: 'consequence', title: 'orphan drive', text: 'a drive of no job in another job\'s package is returned when that job finishes' },
  { id: 'R-RETURN-LOST', kind: 'consequence', title: 'return lost or damaged', text: '(export) a returned drive is lost or damaged; the job stays Completed/Closed' },
  { id: 'R-FAULT', kind: 'escalation', title: 'fault', text: 'a job or drive stops progressing: Faulted, operations contact the customer, then it leaves Faulted' },
];

export const RULE_BY_ID: ReadonlyMap<RuleId, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

export function isRuleId(s: string): s is RuleId {
  return RULE_BY_ID.has(s as RuleId);
}

/** Every timer duration of the spec, in ms. Each is a scenario parameter. */
export interface RuleDurations {
  /** R-CREATING-EXPIRE: Creating with no Update for this long: deleted. */
  creatingExpiry: number;
  /** R-SHIP-OVERDUE: Shipping this long without the drives: alert. */
  shippingOverdue: number;
  /** R-NEVER-RECEIVED: Shipping this long without the package: drives NeverReceived. */
  neverReceived: number;
  /** R-SHIP-NORESPONSE: no answer this long after the contact: Closed. */
  noResponseClose: number;
  /** R-EARLY-RETURN: early drives' customer not reached this long after arrival: return. */
  earlyReturn: number;
  /** R-EARLY-DESTROY: early drives not returnable: destroyed this long after arrival. */
  earlyDestroy: number;
  /** R-BAD-RETURN-ADDRESS: customer unreached: drives destroyed this long after the contact. */
  badAddressDestroy: number;
  /** R-RETENTION: Completed or Closed this long: the job record is deleted. */
  retention: number;
}

export const DEFAULT_DURATIONS: Readonly<RuleDurations> = {
  creatingExpiry: 14 * DAY,
  shippingOverdue: 14 * DAY,
  neverReceived: 14 * DAY,
  noResponseClose: 30 * DAY,
  earlyReturn: 14 * DAY,
  earlyDestroy: 90 * DAY,
  badAddressDestroy: 90 * DAY,
  retention: 90 * DAY,
};

/** Policies the spec leaves open (model decisions), with the spec's defaults. */
export interface RulePolicy {
  /** R-CANCEL: the states in which a cancel is accepted (later service versions narrowed it). */
  cancelAllowedIn: JobState[];
  /** R-DELETE: the states in which a delete is accepted. */
  deleteAllowedIn: JobState[];
  /** R-EXTRA-DRIVE: job states in which an extra drive in a package is recognised as such. */
  extraDriveIn: JobState[];
}

export const DEFAULT_POLICY: Readonly<RulePolicy> = {
  cancelAllowedIn: ['Creating', 'Shipping', 'Received', 'Transferring'],
  deleteAllowedIn: ['Creating', 'Completed'],
  extraDriveIn: ['Creating', 'Shipping', 'Transferring'],
};
