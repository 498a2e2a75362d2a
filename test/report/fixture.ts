/**
 * A small but realistic output folder for the report tests, written by hand
 * (not by the simulator) following docs/outputs.md and docs/timeline.md:
 * 30 jobs over 60 days, imports and exports, a Creating expiry, a refused
 * Shipping call, an overdue package closed for no response, a fault, a copy
 * with errors, a cancel, a bad return address, jobs still open at the
 * horizon, and one rule-check violation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRIVE_STATES, JOB_STATES } from '../../src/spec/states.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const FIXTURE_START = Date.parse('2026-03-01T00:00:00.000Z');
export const FIXTURE_DAYS = 60;
export const FIXTURE_JOBS = 30;

interface Ev {
  t: number;
  seq: number;
  kind: string;
  entity: 'job' | 'drive';
  id: string;
  job: string;
  from: string;
  to: string;
  rule: string;
  pkg: string;
  detail: string;
}


export interface FixtureOptions {
  /** Write checks.json (default true). */
  checks?: boolean;
  /** Write timeseries.csv (default true). */
  timeseries?: boolean;
  /** Replicated KPIs ({mean, sd, halfWidth, n}) in summary.json (default false). */
  replicated?: boolean;
  /** Write a sweep.csv (default false). */
  sweep?: boolean;
  /** Include the violation in checks.json (default true). */
  violation?: boolean;
  /** Jobs and days (defaults FIXTURE_JOBS and FIXTURE_DAYS): larger values make a long, busy run. */
  jobs?: number;
  days?: number;
}

export function writeFixture(dir: string, opts: FixtureOptions = {}): { events: number } {
  mkdirSync(dir, { recursive: true });
  const events: Ev[] = [];
  let seq = 0;
  const iso = (t: number) => new Date(t).toISOString();
  const ev = (t: number, kind: string, entity: 'job' | 'drive', id: string, job: string, from = '', to = '', rule = '', pkg = '', detail = '') =>
    events.push({ t: Math.round(t), seq: seq++, kind, entity, id, job, from, to, rule, pkg, detail });
  const nJobs = opts.jobs ?? FIXTURE_JOBS;
  const days = opts.days ?? FIXTURE_DAYS;
  const spacing = nJobs === FIXTURE_JOBS && days === FIXTURE_DAYS ? 1.9 * DAY : ((days - 20) * DAY) / nJobs;
  const horizon = FIXTURE_START + days * DAY;
  // a small deterministic generator (LCG) for the durations
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);

  interface JobRow { job: string; type: string; drives: number; put: number; states: Record<string, number>; final: string; deleted: number | null; deleteRule: string; turnaround: number | null; cancelled: boolean; escalations: number; faults: number; errors: boolean }
  const jobs: JobRow[] = [];
  interface DriveRow { drive: string; job: string; states: Record<string, number>; final: string; outcome: string; copyWait: number | null; copyDays: number | null }
  const drives: DriveRow[] = [];

  for (let i = 1; i <= nJobs; i++) {
    const J = `J-${String(i).padStart(6, '0')}`;
    const type = i % 4 === 0 ? 'export' : 'import';
    const n = 1 + (i % 4);
    const put = FIXTURE_START + (i - 1) * spacing + 9 * HOUR + (i % 50) * 7 * 60_000;
    const row: JobRow = { job: J, type, drives: n, put, states: {}, final: 'Creating', deleted: null, deleteRule: '', turnaround: null, cancelled: false, escalations: 0, faults: 0, errors: false };
    jobs.push(row);
    const D = Array.from({ length: n }, (_, k) => `${J}-D${String(k + 1).padStart(2, '0')}`);
    const dRows = D.map((d) => ({ drive: d, job: J, states: {} as Record<string, number>, final: '', outcome: '', copyWait: null as number | null, copyDays: null as number | null }));
    drives.push(...dRows);
    const jobState = (t: number, from: string, to: string, rule = '', detail = '') => {
      if (t > horizon) return false;
      ev(t, 'state', 'job', J, J, from, to, rule, '', detail);
      row.states[to] ??= t;
      row.final = to;
      if (to === 'Faulted') row.faults++;
      return true;
    };
    const driveState = (t: number, k: number, from: string, to: string, rule = '', detail = '') => {
      if (t > horizon) return;
      ev(t, 'state', 'drive', D[k], J, from, to, rule, '', detail);
      dRows[k].states[to] ??= t;
      dRows[k].final = to;
    };
    // Put Job
    ev(put, 'put', 'job', J, J, '', '', '', '', `type=${type};drives=${n}`);
    jobState(put, '', 'Creating');
    D.forEach((_, k) => driveState(put, k, '', type === 'import' ? 'Specified' : 'Received'));

    if (i === 5) { // never updated: deleted after 14 days
      const t = put + 14 * DAY;
      ev(t, 'delete', 'job', J, J, 'Creating', '', 'R-CREATING-EXPIRE');
      row.deleted = t; row.deleteRule = 'R-CREATING-EXPIRE';
      continue;
    }
    if (i === 20) { // cancelled in Creating
      const t = put + 2 * DAY;
      ev(t, 'cancel', 'job', J, J, '', '', 'R-CANCEL');
      jobState(t, 'Creating', 'Completed', 'R-CANCEL');
      row.cancelled = true;
      continue;
    }
    let t = put + (1 + 2 * rnd()) * DAY;
    if (i === 8) { // refused: no return address, fixed the next day
      ev(t, 'update', 'job', J, J, '', '', 'R-CREATING-RESET');
      ev(t, 'refuse', 'job', J, J, '', '', 'R-SHIP-REQUIRES', '', 'missing=ReturnAddress');
      t += DAY;
      ev(t, 'update', 'job', J, J, '', '', 'R-CREATING-RESET', '', 'set=ReturnAddress');
    }
    ev(t, 'update', 'job', J, J, '', '', 'R-CREATING-RESET');
    jobState(t, 'Creating', 'Shipping', 'R-SHIP-REQUIRES');
    const shipT = t + 0.3 * DAY;
    const P = `P-${String(i).padStart(6, '0')}`;
    if (i === 2) { // overdue, never answered: closed
      ev(shipT, 'ship', 'job', J, J, '', '', '', P);
      const due = t + 14 * DAY;
      D.forEach((_, k) => driveState(due, k, 'Specified', 'NeverReceived', 'R-NEVER-RECEIVED'));
      ev(due, 'alert', 'job', J, J, '', '', 'R-SHIP-OVERDUE');
      const contact = due + 5 * HOUR;
      ev(contact, 'contact', 'job', J, J, '', '', 'R-SHIP-OVERDUE');
      row.escalations += 2;
      jobState(contact + 30 * DAY, 'Shipping', 'Closed', 'R-SHIP-NORESPONSE');
      row.errors = true;
      continue;
    }
    ev(shipT, 'ship', 'job', J, J, '', '', '', P);
    const arrive = shipT + (2 + 2 * rnd()) * DAY;
    if (arrive > horizon) continue;
    if (type === 'import') D.forEach((d) => ev(arrive, 'arrive', 'drive', d, J, '', '', '', P));
    const dock = arrive + (1 + rnd()) * DAY;
    if (type === 'import') D.forEach((_, k) => driveState(dock, k, 'Specified', 'Received'));
    if (!jobState(dock, 'Shipping', 'Received', 'R-RECEIVED')) continue;
    let copyStart = dock + (0.5 + 2 * rnd()) * DAY;
    if (i === 14) { // job fault while Received
      const f = dock + 0.2 * DAY;
      jobState(f, 'Received', 'Faulted', 'R-FAULT');
      ev(f + 2 * HOUR, 'contact', 'job', J, J, '', '', 'R-FAULT');
      row.escalations++;
      jobState(f + 1.5 * DAY, 'Faulted', 'Received', 'R-FAULT');
      copyStart = f + 2 * DAY;
    }
    let lastEnd = copyStart;
    for (let k = 0; k < n; k++) {
      const st = copyStart + k * 0.4 * DAY;
      if (st > horizon) break;
      driveState(st, k, 'Received', 'Transferring');
      if (k === 0) jobState(st, 'Received', 'Transferring', 'R-TRANSFER-START');
      dRows[k].copyWait = (st - dock) / DAY;
      const dur = (2 + 5 * rnd()) * DAY;
      const end = st + dur;
      if (end > horizon) { lastEnd = Infinity; continue; }
      const bad = i === 17 && k === 0;
      driveState(end, k, 'Transferring', bad ? 'CompletedMoreInfo' : 'Completed', '', bad ? 'outcome=errors' : '');
      dRows[k].outcome = bad ? 'errors' : 'ok';
      dRows[k].copyDays = dur / DAY;
      if (bad) row.errors = true;
      lastEnd = Math.max(lastEnd, end);
    }
    if (!Number.isFinite(lastEnd)) continue;
    // events at lastEnd were pushed in drive order; the job row follows the last drive row
    if (!jobState(lastEnd, 'Transferring', 'Packaging', 'R-PACKAGING')) continue;
    let ret = lastEnd + (0.5 + rnd()) * DAY;
    if (i === 23) { // bad return address: contact, answered two days later
      ev(lastEnd, 'contact', 'job', J, J, '', '', 'R-BAD-RETURN-ADDRESS');
      ev(lastEnd + 2 * DAY, 'reply', 'job', J, J, '', '', 'R-BAD-RETURN-ADDRESS');
      row.escalations++;
      ret = lastEnd + 2.5 * DAY;
    }
    if (ret > horizon) continue;
    const RP = `RP-${String(i).padStart(6, '0')}`;
    ev(ret, 'ship', 'job', J, J, '', '', 'R-FINISH', RP);
    D.forEach((_, k) => driveState(ret, k, dRows[k].final, 'ShippedBack', 'R-FINISH'));
    jobState(ret, 'Packaging', row.errors ? 'Closed' : 'Completed', 'R-FINISH');
    row.turnaround = (ret - arrive) / DAY;
    if (ret + 2 * DAY <= horizon) ev(ret + 2 * DAY, 'deliver', 'job', J, J, '', '', '', RP);
  }

  // a drive fault on job 11 (copying), resolved: copy restarts
  const j11 = events.filter((e) => e.job === 'J-000011' && e.entity === 'drive' && e.to === 'Transferring')[0];
  if (j11) {
    ev(j11.t + 6 * HOUR, 'state', 'drive', j11.id, 'J-000011', 'Transferring', 'Faulted', 'R-FAULT');
    ev(j11.t + 8 * HOUR, 'contact', 'drive', j11.id, 'J-000011', '', '', 'R-FAULT');
    ev(j11.t + 20 * HOUR, 'state', 'drive', j11.id, 'J-000011', 'Faulted', 'Received', 'R-FAULT');
    ev(j11.t + 21 * HOUR, 'state', 'drive', j11.id, 'J-000011', 'Received', 'Transferring', '');
    jobs[10].faults++;
    jobs[10].escalations++;
  }

  events.sort((a, b) => a.t - b.t || a.seq - b.seq);
  const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['time,kind,entity,id,job,from,to,rule,package,detail'];
  for (const e of events) lines.push([iso(e.t), e.kind, e.entity, e.id, e.job, e.from, e.to, e.rule, e.pkg, e.detail].map(csvCell).join(','));
  writeFileSync(join(dir, 'events.csv'), `${lines.join('\n')}\n`);

  // jobs.csv
  const tcell = (x: number | undefined | null) => (x == null ? '' : iso(x));
  const jl = ['job,type,drives,bytes,put,creating,shipping,received,transferring,packaging,completed,closed,final_state,deleted,delete_rule,turnaround_days,cancelled,escalations,faults,errors'];
  for (const j of jobs) {
    jl.push([j.job, j.type, j.drives, j.drives * 2e12, iso(j.put), tcell(j.states.Creating), tcell(j.states.Shipping), tcell(j.states.Received),
      tcell(j.states.Transferring), tcell(j.states.Packaging), tcell(j.states.Completed), tcell(j.states.Closed), j.final, tcell(j.deleted), j.deleteRule,
      j.turnaround == null ? '' : j.turnaround.toFixed(4), j.cancelled, j.escalations, j.faults, j.errors].join(','));
  }
  writeFileSync(join(dir, 'jobs.csv'), `${jl.join('\n')}\n`);

  // drives.csv
  const dl = ['drive,job,role,bytes,specified,received,never_received,transferring,completed,completed_more_info,shipped_back,faulted,final_state,outcome,returned,destroyed,copy_wait_days,copy_days'];
  for (const d of drives) {
    dl.push([d.drive, d.job, 'listed', 2e12, tcell(d.states.Specified), tcell(d.states.Received), tcell(d.states.NeverReceived), tcell(d.states.Transferring),
      tcell(d.states.Completed), tcell(d.states.CompletedMoreInfo), tcell(d.states.ShippedBack), tcell(d.states.Faulted), d.final, d.outcome, '', '',
      d.copyWait == null ? '' : d.copyWait.toFixed(4), d.copyDays == null ? '' : d.copyDays.toFixed(4)].join(','));
  }
  writeFileSync(join(dir, 'drives.csv'), `${dl.join('\n')}\n`);

  // timeseries.csv: replay the state rows to each midnight
  if (opts.timeseries !== false) {
    const cols = [...JOB_STATES.map((s) => `jobs_${s}`), ...DRIVE_STATES.map((s) => `drives_${s}`), 'drives_on_site', 'copy_busy_mean', 'copy_queue_mean', 'ops_busy_mean', 'ops_queue_mean', 'copy_stations', 'operators'];
    const tl = [`date,${cols.join(',')}`];
    const jobNow = new Map<string, string>();
    const driveNow = new Map<string, string>();
    let e = 0;
    for (let d = 0; d <= days; d++) {
      const at = FIXTURE_START + d * DAY;
      while (e < events.length && events[e].t <= at) {
        const x = events[e++];
        if (x.kind === 'state') (x.entity === 'job' ? jobNow : driveNow).set(x.id, x.to);
        if (x.kind === 'delete') jobNow.delete(x.id);
      }
      const tallyOf = (m: Map<string, string>) => {
        const c = new Map<string, number>();
        for (const v of m.values()) c.set(v, (c.get(v) ?? 0) + 1);
        return c;
      };
      const jc = tallyOf(jobNow), dc = tallyOf(driveNow);
      const count = (m: Map<string, string>, st: string) => ((m === jobNow ? jc : dc).get(st) ?? 0);
      const transferring = count(driveNow, 'Transferring');
      const queued = count(driveNow, 'Received');
      const onSite = ['Received', 'Transferring', 'Completed', 'CompletedMoreInfo', 'Faulted'].reduce((a, st) => a + count(driveNow, st), 0);
      const vals = [
        ...JOB_STATES.map((st) => count(jobNow, st)), ...DRIVE_STATES.map((st) => count(driveNow, st)),
        onSite, Math.min(3, transferring * 0.9).toFixed(3), (queued * 0.5).toFixed(3), (0.3 + 0.1 * (d % 5)).toFixed(3), (0.05 * (d % 3)).toFixed(3), 3, 2,
      ];
      tl.push(`${iso(at)},${vals.join(',')}`);
    }
    writeFileSync(join(dir, 'timeseries.csv'), `${tl.join('\n')}\n`);
  }

  const ta = jobs.map((j) => j.turnaround).filter((x): x is number => x != null).sort((a, b) => a - b);
  const q = (p: number) => ta[Math.floor(p * (ta.length - 1))];
  const mean = ta.reduce((a, b) => a + b, 0) / ta.length;
  const ci = (x: number) => (opts.replicated ? { mean: x, sd: x * 0.08, halfWidth: x * 0.05, n: 10 } : x);
  const tally = { count: ci(ta.length), mean: ci(mean), sd: ci(2.1), min: ci(ta[0]), max: ci(ta[ta.length - 1]), p50: ci(q(0.5)), p90: ci(q(0.9)), p95: ci(q(0.95)), p99: ci(q(0.99)) };
  const rules: Record<string, number> = {};
  for (const e of events) if (e.rule) rules[e.rule] = (rules[e.rule] ?? 0) + 1;
  const summary = {
    scenario: 'fixture', seed: 7, replications: opts.replicated ? 10 : 1,
    start: iso(FIXTURE_START), horizon: iso(horizon), warmup: iso(FIXTURE_START),
    events: events.length,
    jobs: { created: nJobs, import: jobs.filter((j) => j.type === 'import').length, export: jobs.filter((j) => j.type === 'export').length, finished: ta.length, completed: jobs.filter((j) => j.final === 'Completed').length, closed: jobs.filter((j) => j.final === 'Closed').length, cancelled: 1, deleted: 1, openAtHorizon: 5 },
    drives: { listed: drives.length, extra: 0, orphan: 0, undefined: 0, shippedBack: drives.filter((d) => d.final === 'ShippedBack').length, returned: 0, destroyed: 0, neverReceived: 3, onSiteAtHorizon: 4, notShipped: 0 },
    kpis: {
      throughputPerDay: ci(ta.length / days), turnaroundDays: tally,
      timeInStateDays: { Creating: tally, Shipping: tally },
      copyWaitDays: tally, opsWaitDays: tally,
      copyUtilization: ci(0.62), opsUtilization: ci(0.31), copyQueueMean: ci(1.4), opsQueueMean: ci(0.1),
      drivesOnSiteMean: ci(7.5), drivesOnSitePeak: ci(14), backlogAtHorizon: ci(5),
    },
    rules,
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  if (opts.checks !== false) {
    const withViolation = opts.violation !== false;
    const violations = withViolation
      ? [{ rule: 'R-DRIVE-TRANSITIONS', entity: 'drive', id: 'J-000011-D01', job: 'J-000011', time: iso(FIXTURE_START + 20 * DAY), message: 'Received → Transferring after Faulted: allowed only as the restart of a faulted copy' }]
      : [];
    const byRule: Record<string, number> = { 'R-JOB-TRANSITIONS': 0, 'R-DRIVE-TRANSITIONS': violations.length, 'R-CREATING-EXPIRE': 0, 'R-SHIP-OVERDUE': 0 };
    writeFileSync(join(dir, 'checks.json'), `${JSON.stringify({ rows: events.length, violations, byRule }, null, 2)}\n`);
  }

  if (opts.sweep) {
    // as src/experiments/sweep-files.ts writes it
    const sl = ['variant,label,copyStations,arrivalRate,kpi,mean,sd,half_width,n,diff_vs_baseline,diff_half_width'];
    for (const cs of [2, 3, 4, 6]) {
      for (const rate of [1, 2]) {
        const v = `cs${cs}-r${rate}`;
        sl.push(`${v},${v},${cs},${rate},turnaroundDays.p95,${(30 * rate / cs + 5).toFixed(3)},1,${(1.5 / cs).toFixed(3)},10,0,0`);
        sl.push(`${v},${v},${cs},${rate},copyUtilization,${Math.min(0.98, 0.9 * rate / cs).toFixed(3)},0.03,0.02,10,0,0`);
        sl.push(`${v},${v},${cs},${rate},drivesOnSiteMean,${(12 * rate / Math.sqrt(cs)).toFixed(3)},1.1,${(0.8).toFixed(3)},10,0,0`);
      }
    }
    writeFileSync(join(dir, 'sweep.csv'), `${sl.join('\n')}\n`);
  }

  const manifest = {
    version: '0.1.0', seed: 7, scenarioHash: 'sha256:0000fixture',
    scenario: { name: 'fixture', start: iso(FIXTURE_START), horizonDays: days, arrivals: { jobsPerDay: 0.5 }, datacenter: { copyStations: 3, operators: 2 } },
    files: { 'events.csv': 'sha256:…', 'jobs.csv': 'sha256:…' },
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { events: events.length };
}
