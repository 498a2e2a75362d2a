/** Job and drive states of ../shared/spec/lifecycle.md, as data. */

export const JOB_STATES = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging', 'Completed', 'Closed', 'Faulted'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const DRIVE_STATES = ['Specified', 'Received', 'NeverReceived', 'Transferring', 'Completed', 'CompletedMoreInfo', 'ShippedBack', 'Faulted'] as const;
export type DriveState = (typeof DRIVE_STATES)[number];

/** A state's position in JOB_STATES / DRIVE_STATES (plain objects: fast keyed lookups on hot paths). */
export const JOB_STATE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(JOB_STATES.map((s, i) => [s, i]));
export const DRIVE_STATE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(DRIVE_STATES.map((s, i) => [s, i]));

/** A job in one of these has finished; R-RETENTION deletes it after 90 days. */
export const JOB_FINISHED: readonly JobState[] = ['Completed', 'Closed'];

/** What each state means, for docs, chart legends and tooltips (from the spec). */
export const JOB_STATE_DOCS: Record<JobState, string> = {
  Creating: 'Put Job was called; nothing is assumed shipped yet',
  Shipping: 'the customer set Shipping (DeliveryPackage and ReturnAddress set)',
  Received: 'all of the job\'s drives were received at the datacenter',
  Transferring: 'processing of at least one drive has started',
  Packaging: 'processing of all drives finished; waiting to ship back',
  Completed: 'all drives shipped back, no errors',
  Closed: 'all drives shipped back, with errors',
  Faulted: 'the job stopped progressing through its normal life (R-FAULT)',
};

export const DRIVE_STATE_DOCS: Record<DriveState, string> = {
  Specified: 'listed at Put Job (import), not yet received',
  Received: 'processed at the dock (initial state of an export drive)',
  NeverReceived: 'missing from its package, or its package is 14 days overdue',
  Transferring: 'data transfer between the drive and storage started',
  Completed: 'transfer finished with no issues',
  CompletedMoreInfo: 'transfer finished with errors, warnings or information',
  ShippedBack: 'left the datacenter for the return address',
  Faulted: 'the drive stopped progressing through its normal life (R-FAULT)',
};

/** Chart colours per state: one palette that every chart shares. */
export const STATE_COLORS: Record<JobState | DriveState, string> = {
  Creating: '#9e9ac8', Specified: '#9e9ac8',
  Shipping: '#6baed6',
  Received: '#74c476',
  NeverReceived: '#fd8d3c',
  Transferring: '#31a354',
  Packaging: '#e6ab02',
  Completed: '#3182bd',
  CompletedMoreInfo: '#08519c',
  ShippedBack: '#756bb1',
  Closed: '#de2d26',
  Faulted: '#000000',
};
