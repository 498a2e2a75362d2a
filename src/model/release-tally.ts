/**
 * The counts of the records a run hands out (summary.json's `jobs` and
 * `drives`): every job and drive record is counted once, when it is final,
 * whether or not a sink takes the records. A run without files (replications,
 * sweeps, the timeline off) then builds no record objects at all.
 */
import type { Drive, JobType } from './entities.js';
import type { ReleaseCounts } from './summary.js';

export class ReleaseTally {
  readonly counts: ReleaseCounts = {
    jobs: { created: 0, import: 0, export: 0, cancelled: 0, deleted: 0 },
    drives: { listed: 0, extra: 0, orphan: 0, undefined: 0, shippedBack: 0, returned: 0, destroyed: 0, neverReceived: 0, onSiteAtHorizon: 0, notShipped: 0 },
  };

  job(type: JobType, cancelRequested: boolean, deleted: boolean): void {
    const c = this.counts.jobs;
    c.created++;
    // Named fields, not c[type]: an object indexed by a variable name is a megamorphic lookup in compiled code.
    if (type === 'import') c.import++;
    else c.export++;
    if (cancelRequested) c.cancelled++;
    if (deleted) c.deleted++;
  }

  /** Every drive lands in exactly one fate, so the fates add up to the drives created. */
  drive(d: Drive): void {
    const c = this.counts.drives;
    const role = d.role;
    if (role === 'listed') c.listed++;
    else if (role === 'extra') c.extra++;
    else if (role === 'orphan') c.orphan++;
    else c.undefined++;
    if (d.state === 'ShippedBack') c.shippedBack++;
    else if (!Number.isNaN(d.destroyed)) c.destroyed++;
    else if (!Number.isNaN(d.returned)) c.returned++;
    else if (d.onSite) c.onSiteAtHorizon++;
    else if (d.state === 'NeverReceived') c.neverReceived++;
    else c.notShipped++;
  }
}
