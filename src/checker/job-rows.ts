/**
 * Rows about a job's life as the customer and the service drive it: put,
 * state, update, cancel, refuse, delete. Each checks the rule it carries and
 * the consequences that must already hold when the row is written; what must
 * follow at the same instant is checked at the instant's end (consequences.ts).
 */
import type { JobState } from '../spec/states.js';
import type { CheckRow } from './row.js';
import { disarm, timerStatus, type CheckState } from './context.js';
import { anyUnfinished, errorReason, notShippedBack, receivedProblems, unfinishedDrives } from './consequences.js';
import { I, NONE, appended, newJob, type JobRec } from './records.js';
import { enterJobState, leaveJobState } from './timer-rules.js';
import { releaseJob } from './release.js';
import { deleteCompacted } from './compact.js';
import { checkEdge, jobEdge } from './transitions.js';
import { jobState, own } from './strings.js';
import { ARMED } from './timer-pool.js';

/** The job a row is about, or undefined after reporting a row about a job that does not exist. */
export function requireJob(ctx: CheckState, row: CheckRow): JobRec | undefined {
  const id = row.job;
  const job = ctx.jobs.get(id, row.jobHash, row.jobRec);
  if (job) return job;
  ctx.flagUnknown('R-JOB-TRANSITIONS', 'job', id, id, `${row.kind} row for job ${id}, which does not exist (no put row, or already deleted)`);
  return undefined;
}

export function putRow(ctx: CheckState, row: CheckRow): void {
  if (ctx.jobs.has(row.id, row.idHash, row.idJob)) {
    ctx.flag('R-JOB-TRANSITIONS', 'job', row.id, row.id, `put for job ${row.id}, which already exists`);
    return;
  }
  const job = newJob(row.id);
  ctx.jobs.add(job);
  ctx.forgetUnknown('job', job.id);
  const detail = ctx.details.get(row.detail);
  const type = detail.get('type');
  if (type === 'import' || type === 'export') job.type = type === 'import' ? 'import' : 'export';
  const n = Number(detail.get('drives') ?? NaN);
  if (Number.isInteger(n) && n >= 0) job.announcedDrives = n;
  const reexport = detail.get('reexport-of');
  if (reexport !== undefined && !ctx.lostJobs.has(reexport)) {
    ctx.flagJob('R-RETURN-LOST', job, `re-export of job ${reexport}, whose return was never reported lost or damaged`);
    if (ctx.partition !== null) ctx.reexports.push(ctx.line);
  }
  ctx.setFlag(job, I.PUT);
}

export function jobStateRow(ctx: CheckState, row: CheckRow): void {
  let job = ctx.jobs.get(row.id, row.idHash, row.idJob);
  if (!job) {
    if (row.from !== '' || row.to !== 'Creating') {
      ctx.flagUnknown('R-JOB-TRANSITIONS', 'job', row.id, row.id, `state row for job ${row.id}, which does not exist (no put row, or already deleted)`);
      return;
    }
    job = newJob(row.id); // reported below: no put at this instant
    ctx.jobs.add(job);
  }
  ctx.touch(job);
  const cur = job.state;
  const to = jobState(row.to);
  if (job.returnLost) {
    ctx.flagJob('R-RETURN-LOST', job, `its return was lost or damaged, and the job must stay ${cur}; it went to ${to}`);
  }
  if (!refusedButDone(ctx, job, cur, to) && checkEdge(ctx, 'job', job.id, job.id, cur, job.beforeFault, row, to)) checkJobEdge(ctx, job, cur, to);
  leaveJobState(ctx, job, cur);
  if (to === 'Faulted') {
    job.beforeFault = cur;
    job.faultContacted = false;
  } else if (cur === 'Faulted') {
    job.beforeFault = null;
    // "An unresolved fault" is an error in the R-FINISH sense.
    if (!job.errors && row.detail.includes('fault=unresolved')) job.errors = 'an unresolved fault';
  }
  job.state = to;
  enterJobState(ctx, job, to);
  if ((to === 'Completed' || to === 'Closed') && cur === 'Packaging') ctx.setFlag(job, I.FINISHED);
}

/**
 * A refused operation leaves the state unchanged: a state change that is the
 * refused call's effect, at the refusal's instant, is reported under the
 * refused rule (once: the edge's other checks are skipped).
 */
function refusedButDone(ctx: CheckState, job: JobRec, cur: JobState | null, to: JobState): boolean {
  const f = ctx.flagsOf(job);
  if (f & I.REFUSED_SHIP && to === 'Shipping') {
    ctx.flagJob('R-SHIP-REQUIRES', job, 'the Shipping request was refused at this instant, yet the job went to Shipping');
    return true;
  }
  if (f & I.REFUSED_CANCEL && to === 'Completed' && !(f & I.RETURN_SHIP)) {
    ctx.flagJob('R-CANCEL', job, `the cancel was refused at this instant, yet the job went ${cur} → Completed`);
    return true;
  }
  return false;
}

/** The rule-specific conditions of a legal job edge. */
function checkJobEdge(ctx: CheckState, job: JobRec, cur: JobState | null, to: JobState): void {
  const f = ctx.flagsOf(job);
  switch (jobEdge(cur, to, job.beforeFault).key) {
    case '>Creating':
      if (!(f & I.PUT)) ctx.flagJob('R-JOB-TRANSITIONS', job, 'enters Creating without a put row at the same instant');
      break;
    case 'Creating>Shipping':
      if (job.missing.length > 0) {
        ctx.flagJob('R-SHIP-REQUIRES', job, `went to Shipping while ${job.missing.join(' and ')} is still missing (named by an earlier refusal; no update set it since)`);
      }
      if (!(f & I.UPDATE)) ctx.flagJob('R-SHIP-REQUIRES', job, 'went to Shipping without an update row (the customer\'s call) at the same instant');
      break;
    case 'Creating>Completed':
      if (!(f & I.CANCEL_ACCEPTED)) ctx.flagJob('R-CANCEL', job, 'went Creating → Completed without an accepted cancel at the same instant');
      break;
    case 'Shipping>Received': {
      const problem = receivedProblems(job);
      if (problem) ctx.flagJob('R-RECEIVED', job, `went to Received, but ${problem}`);
      break;
    }
    case 'Shipping>Closed': {
      const t = job.tNoResponse;
      const s = timerStatus(ctx, t);
      if (s === 'early') {
        ctx.flagJob('R-SHIP-NORESPONSE', job, `closed ${ctx.days(ctx.now - ctx.timers.armedAt(t!))} after the overdue contact at ${ctx.isoOf(ctx.timers.armedAt(t!))}; the closure is due exactly ${ctx.days(ctx.durations.noResponseClose)} after it, at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'none') {
        const why = job.delivered ? 'a package was delivered' : job.resolveReplied ? 'the customer answered' : 'there was no unanswered overdue contact';
        ctx.flagJob('R-SHIP-NORESPONSE', job, `went Shipping → Closed, but ${why}`);
      }
      job.tNoResponse = disarm(ctx, t);
      job.overdueContactPending = false;
      break;
    }
    case 'Shipping>Completed':
      if (!(f & I.RESOLVE_CANCEL)) ctx.flagJob('R-SHIP-RESOLVE', job, 'went Shipping → Completed without a cancel by operations (after the customer\'s reply) at the same instant');
      break;
    case 'Received>Transferring':
      if (Number.isNaN(job.cancelledAt) && !job.drives.some((x) => x.state === 'Transferring')) {
        ctx.flagJob('R-TRANSFER-START', job, 'went to Transferring, but none of its drives is Transferring (and it was not cancelled)');
      }
      break;
    case 'Transferring>Packaging': {
      // The list only when there is one: this runs at every job's Packaging.
      const left = anyUnfinished(job) ? unfinishedDrives(job) : NONE;
      if (left.length > 0) ctx.flagJob('R-PACKAGING', job, `went to Packaging while ${left.map((x) => `${x.id} is ${x.state}`).join(', ')}`);
      break;
    }
    case 'Packaging>Completed':
    case 'Packaging>Closed': {
      if (!(f & I.RETURN_SHIP) && !(to === 'Closed' && f & I.BAD_ADDRESS_DESTROY)) {
        ctx.flagJob('R-FINISH', job, `went to ${to} without a return shipment (ship row, rule R-FINISH) at the same instant`);
      }
      const left = notShippedBack(job);
      if (left.length > 0) ctx.flagJob('R-FINISH', job, `went to ${to} while ${left.map((x) => x.id).join(', ')} ${left.length > 1 ? 'are' : 'is'} still on site, not shipped back`);
      if (!job.errorsUnknown) {
        const errors = errorReason(job);
        if (to === 'Completed' && errors) ctx.flagJob('R-FINISH', job, `went to Completed although it had errors (${errors}): it should be Closed`);
        if (to === 'Closed' && !errors) ctx.flagJob('R-FINISH', job, 'went to Closed although it had no errors: it should be Completed');
      }
      break;
    }
    default:
      if (cur === 'Faulted' && !job.faultContacted) ctx.flagJob('R-FAULT', job, `left Faulted for ${to} with no contact (rule R-FAULT) since the fault`);
      break;
  }
}

export function updateRow(ctx: CheckState, row: CheckRow): void {
  const job = requireJob(ctx, row);
  if (!job) return;
  ctx.setFlag(job, I.UPDATE);
  if (job.state === 'Creating') {
    if (row.rule !== 'R-CREATING-RESET') {
      ctx.flagJob('R-CREATING-RESET', job, `an update while Creating restarts the expiry timer and must cite R-CREATING-RESET, not "${row.rule}"`);
    }
    const t = job.tExpire;
    if (t !== null && ctx.timers.stateOf(t) === ARMED && ctx.timers.due(t) !== ctx.now) {
      const kept = appended(job.supersededExpiry, ctx.timers.due(t));
      job.supersededExpiry = kept.length > 4 ? kept.slice(1) : kept;
    }
    disarm(ctx, t);
    job.tExpire = ctx.arm('creatingExpire', job, ctx.now + ctx.durations.creatingExpiry);
  } else if (row.rule === 'R-CREATING-RESET') {
    ctx.flagJob('R-CREATING-RESET', job, `cites R-CREATING-RESET, but the job is ${job.state}: only an update while Creating restarts the expiry timer`);
  }
  if (row.detail.includes('set=')) {
    const set = (ctx.details.get(row.detail).get('set') ?? '').split(',');
    job.missing = job.missing.filter((m) => !set.includes(m));
  }
}

export function cancelRow(ctx: CheckState, row: CheckRow): void {
  const job = requireJob(ctx, row);
  if (!job) return;
  ctx.setFlag(job, I.CANCEL_ROW);
  if (row.rule === 'R-SHIP-RESOLVE') {
    if (job.state !== 'Shipping') ctx.flagJob('R-SHIP-RESOLVE', job, `operations cancel (R-SHIP-RESOLVE) a job in ${job.state}, not Shipping`);
    else if (!job.resolveReplied) ctx.flagJob('R-SHIP-RESOLVE', job, 'operations cancel (R-SHIP-RESOLVE) without the customer\'s reply to the overdue contact');
    job.resolveReplied = false;
    if (Number.isNaN(job.cancelledAt)) job.cancelledAt = ctx.now;
    ctx.setFlag(job, I.RESOLVE_CANCEL | I.CANCEL_ACCEPTED);
    return;
  }
  if (row.rule !== 'R-CANCEL') ctx.flagJob('R-CANCEL', job, `the customer's cancel must cite R-CANCEL, not "${row.rule}"`);
  const st = job.state;
  if (st !== null && ctx.policy.cancelAllowedIn.includes(st)) {
    if (Number.isNaN(job.cancelledAt)) job.cancelledAt = ctx.now;
    ctx.setFlag(job, I.CANCEL_ACCEPTED | (st === 'Creating' ? I.CANCEL_IN_CREATING : 0) | (st === 'Received' ? I.CANCEL_IN_RECEIVED : 0));
  } else {
    ctx.setFlag(job, I.CANCEL_EXPECT_REFUSE);
  }
}

export function refuseRow(ctx: CheckState, row: CheckRow): void {
  const job = requireJob(ctx, row);
  if (!job) return;
  const f = ctx.flagsOf(job);
  const detail = ctx.details.get(row.detail);
  const stateMismatch = () => {
    const said = detail.get('state');
    if (said !== undefined && said !== job.state) ctx.flagJob(row.rule as 'R-CANCEL' | 'R-DELETE', job, `the refusal says state=${said}, but the job is ${job.state}`);
  };
  switch (row.rule) {
    case 'R-SHIP-REQUIRES': {
      ctx.setFlag(job, I.REFUSED_SHIP);
      if (!(f & I.UPDATE)) ctx.flagJob('R-SHIP-REQUIRES', job, 'a Shipping request refused without the customer\'s update row at the same instant');
      const missing = (detail.get('missing') ?? '').split(',').filter((m) => m !== '').map(own);
      if (missing.length === 0) ctx.flagJob('R-SHIP-REQUIRES', job, 'a Shipping request refused without naming what is missing (detail missing=…)');
      job.missing = missing;
      break;
    }
    case 'R-CANCEL':
      if (!(f & I.CANCEL_ROW)) ctx.flagJob('R-CANCEL', job, 'a cancel refused without a cancel row at the same instant');
      else if (f & I.CANCEL_ACCEPTED) ctx.flagJob('R-CANCEL', job, `a cancel refused in ${job.state}, where cancelling is allowed (${ctx.policy.cancelAllowedIn.join(', ')})`);
      stateMismatch();
      ctx.setFlag(job, I.REFUSED_CANCEL);
      break;
    case 'R-DELETE':
      if (job.state !== null && ctx.policy.deleteAllowedIn.includes(job.state)) {
        ctx.flagJob('R-DELETE', job, `a delete refused in ${job.state}, where deleting is allowed (${ctx.policy.deleteAllowedIn.join(', ')})`);
      }
      stateMismatch();
      ctx.setFlag(job, I.REFUSED_DELETE);
      break;
    default:
      break;
  }
}

export function deleteRow(ctx: CheckState, row: CheckRow): void {
  // A compacted finished job (compact.ts): a delete that passes needs no record.
  const c = row.jobRec === null ? ctx.compacted.get(row.job) : undefined;
  if (c !== undefined && deleteCompacted(ctx, c, row)) return;
  const job = requireJob(ctx, row);
  if (!job) return;
  const st = job.state;
  if (row.from !== (st ?? '')) ctx.flagJob('R-JOB-TRANSITIONS', job, `the delete row says from=${row.from}, but the job is ${st ?? '(new)'}`);
  switch (row.rule) {
    case 'R-CREATING-EXPIRE': {
      if (st !== 'Creating') {
        ctx.flagJob('R-CREATING-EXPIRE', job, `deleted by the Creating expiry while ${st}`);
        break;
      }
      const t = job.tExpire;
      const s = timerStatus(ctx, t);
      if (s === 'early' && job.supersededExpiry.includes(ctx.now)) {
        ctx.flagJob('R-CREATING-RESET', job, `deleted when the expiry timer was first due, but the update at ${ctx.isoOf(ctx.timers.armedAt(t!))} (line ${ctx.timers.armedLine(t!)}) restarted it: now due at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'early') {
        ctx.flagJob('R-CREATING-EXPIRE', job, `deleted ${ctx.days(ctx.now - ctx.timers.armedAt(t!))} after its last put/update at ${ctx.isoOf(ctx.timers.armedAt(t!))}; the expiry is due exactly ${ctx.days(ctx.durations.creatingExpiry)} after it, at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'none') {
        ctx.flagJob('R-CREATING-EXPIRE', job, 'deleted by the Creating expiry, but no expiry timer was pending');
      }
      break;
    }
    case 'R-RETENTION': {
      if (st !== 'Completed' && st !== 'Closed') {
        ctx.flagJob('R-RETENTION', job, `deleted by retention while ${st}; only a Completed or Closed job is`);
        break;
      }
      const t = job.tRetention;
      const s = timerStatus(ctx, t);
      if (s === 'early') {
        ctx.flagJob('R-RETENTION', job, `deleted ${ctx.days(ctx.now - ctx.timers.armedAt(t!))} after it became ${st} at ${ctx.isoOf(ctx.timers.armedAt(t!))}; retention ends exactly ${ctx.days(ctx.durations.retention)} after it, at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'none') {
        ctx.flagJob('R-RETENTION', job, 'deleted by retention, but no retention timer was pending');
      }
      break;
    }
    case 'R-DELETE':
      if (ctx.flagsOf(job) & I.REFUSED_DELETE) ctx.flagJob('R-DELETE', job, 'the delete was refused at this instant, yet the job was deleted');
      else if (st === null || !ctx.policy.deleteAllowedIn.includes(st)) {
        ctx.flagJob('R-DELETE', job, `deleted by the customer while ${st}; deleting is allowed only in ${ctx.policy.deleteAllowedIn.join(', ')}`);
      }
      break;
    default:
      ctx.flagJob('R-JOB-TRANSITIONS', job, `a delete row must cite R-CREATING-EXPIRE, R-DELETE or R-RETENTION, not "${row.rule}"`);
      break;
  }
  releaseJob(ctx, job);
}
