/**
 * The allowed transitions of ../shared/spec/lifecycle.md, as data. Any state
 * change not listed violates R-JOB-TRANSITIONS or R-DRIVE-TRANSITIONS.
 * `from: null` is an entity's first state. Faulted (R-FAULT) may be entered
 * from any non-final state and left for "the state it should be in": the
 * state it was in before the fault, a state that one may legally move to, or
 * a state that legally leads to it (a step back, to redo it: a faulted copy
 * restarts from Received).
 */
import type { DriveState, JobState } from './states.js';
import type { RuleId } from './rules.js';

export interface Transition<S extends string> {
  from: S | null;
  to: S;
  /** Rule written in the `rule` column of the state row ('' when none, e.g. dock processing). */
  rule: RuleId | '';
  /** What causes it (docs). */
  by: string;
}

export const JOB_TRANSITIONS: readonly Transition<JobState>[] = [
  { from: null, to: 'Creating', rule: '', by: 'Put Job' },
  { from: 'Creating', to: 'Shipping', rule: 'R-SHIP-REQUIRES', by: 'Update Job Properties with DeliveryPackage and ReturnAddress set' },
  { from: 'Creating', to: 'Completed', rule: 'R-CANCEL', by: 'cancel before anything shipped (model decision)' },
  { from: 'Shipping', to: 'Received', rule: 'R-RECEIVED', by: 'every drive Received or NeverReceived, at least one Received' },
  { from: 'Shipping', to: 'Closed', rule: 'R-SHIP-NORESPONSE', by: 'no answer within 30 days of the overdue contact' },
  { from: 'Shipping', to: 'Completed', rule: 'R-SHIP-RESOLVE', by: 'cancelled while its package is missing (model decision)' },
  { from: 'Received', to: 'Transferring', rule: 'R-TRANSFER-START', by: 'a drive starts copying (a cancelled job passes through without copying)' },
  { from: 'Transferring', to: 'Packaging', rule: 'R-PACKAGING', by: 'every drive finished processing' },
  { from: 'Packaging', to: 'Completed', rule: 'R-FINISH', by: 'every drive shipped back, no errors' },
  { from: 'Packaging', to: 'Closed', rule: 'R-FINISH', by: 'every drive shipped back, with errors' },
];

export const DRIVE_TRANSITIONS: readonly Transition<DriveState>[] = [
  { from: null, to: 'Specified', rule: '', by: 'Put Job (import drive)' },
  { from: null, to: 'Received', rule: '', by: 'Put Job (export drive)' },
  { from: 'Specified', to: 'Received', rule: '', by: 'dock processing' },
  { from: 'Specified', to: 'NeverReceived', rule: 'R-NEVER-RECEIVED', by: 'missing from its package, or package 14 days overdue' },
  { from: 'NeverReceived', to: 'Received', rule: 'R-LATE-DRIVE', by: 'arrives in a later shipment' },
  { from: 'Received', to: 'Transferring', rule: '', by: 'copy starts' },
  { from: 'Transferring', to: 'Completed', rule: '', by: 'copy ends without issues' },
  { from: 'Transferring', to: 'CompletedMoreInfo', rule: '', by: 'copy ends with errors, warnings or information' },
  { from: 'Completed', to: 'ShippedBack', rule: 'R-FINISH', by: 'return shipment' },
  { from: 'CompletedMoreInfo', to: 'ShippedBack', rule: 'R-FINISH', by: 'return shipment' },
  { from: 'Received', to: 'ShippedBack', rule: 'R-FINISH', by: 'return shipment of a drive not copied: its job was cancelled, or it arrived late after the copy phase (model decision)' },
];

export const JOB_FINAL: readonly JobState[] = ['Completed', 'Closed'];
export const DRIVE_FINAL: readonly DriveState[] = ['ShippedBack'];

function allowed<S extends string>(table: readonly Transition<S>[], final: readonly S[]) {
  const edges = new Set(table.map((t) => `${t.from ?? ''}>${t.to}`));
  /**
   * Is `from → to` legal? `beforeFault` is the state held before entering
   * Faulted, needed to judge a transition out of Faulted.
   */
  return (from: S | null, to: S, beforeFault?: S | null): boolean => {
    if (to === ('Faulted' as S)) return from !== null && from !== ('Faulted' as S) && !final.includes(from);
    if (from === ('Faulted' as S)) {
      if (beforeFault === undefined || beforeFault === null) return true;
      return to === beforeFault || edges.has(`${beforeFault}>${to}`) || edges.has(`${to}>${beforeFault}`);
    }
    return edges.has(`${from ?? ''}>${to}`);
  };
}

export const isJobTransitionAllowed = allowed<JobState>(JOB_TRANSITIONS, JOB_FINAL);
export const isDriveTransitionAllowed = allowed<DriveState>(DRIVE_TRANSITIONS, DRIVE_FINAL);
