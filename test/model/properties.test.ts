import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenarios/read.js';
import { runToFolder } from '../../src/output/run-to-folder.js';
import { Model } from '../../src/model/model.js';
import { getJobById } from '../../src/model/get-job.js';
import { RULE_IDS } from '../../src/spec/rules.js';
import { DRIVE_STATES, JOB_STATES } from '../../src/spec/states.js';
import type { RunSummary } from '../../src/model/summary.js';
import { micro } from './micro.js';

const tmp = mkdtempSync(join(tmpdir(), 'iesim-model-'));
const read = (dir: string, f: string) => readFileSync(join(dir, f));

async function run(out: string, sets: string[] = []): Promise<RunSummary> {
  return runToFolder(loadScenario('scenarios/default.yaml', sets), { out: join(tmp, out), timeline: { kind: 'full' }, timelineText: 'full' });
}

describe('the default scenario', () => {
  let summary: RunSummary;
  let events: string;
  beforeAll(async () => {
    summary = await run('a');
    await run('b');
    await run('seed2', ['seed=2']);
    events = read(join(tmp, 'a'), 'events.csv').toString();
  });

  it('is deterministic: the same seed gives byte-identical events.csv, jobs.csv, drives.csv, timeseries.csv and summary.json', () => {
    for (const f of ['events.csv', 'jobs.csv', 'drives.csv', 'timeseries.csv', 'summary.json']) {
      expect(read(join(tmp, 'a'), f).equals(read(join(tmp, 'b'), f)), f).toBe(true);
    }
  });

  it('another seed gives a different timeline', () => {
    expect(read(join(tmp, 'a'), 'events.csv').equals(read(join(tmp, 'seed2'), 'events.csv'))).toBe(false);
  });

  it('every rule ID of the spec (but the two transition tables) appears in the rule column', () => {
    const rules = new Set(events.split('\n').slice(1).map((l) => l.split(',')[7]));
    for (const id of RULE_IDS.filter((r) => !r.endsWith('-TRANSITIONS'))) expect(rules.has(id), id).toBe(true);
  });

  it('every job state and every drive state, Faulted included, is entered at least once', () => {
    const entered = new Set(events.split('\n').filter((l) => l.split(',')[1] === 'state').map((l) => `${l.split(',')[2]}:${l.split(',')[6]}`));
    for (const s of JOB_STATES) expect(entered.has(`job:${s}`), s).toBe(true);
    for (const s of DRIVE_STATES) expect(entered.has(`drive:${s}`), s).toBe(true);
  });

  it('conservation: every job ends deleted or open at the horizon; every drive has exactly one fate; summary agrees with the CSVs', () => {
    const jobs = read(join(tmp, 'a'), 'jobs.csv').toString().trim().split('\n').slice(1);
    const drives = read(join(tmp, 'a'), 'drives.csv').toString().trim().split('\n').slice(1);
    expect(jobs.length).toBe(summary.jobs.created);
    expect(new Set(jobs.map((l) => l.split(',')[0])).size).toBe(jobs.length);
    const deleted = jobs.filter((l) => l.split(',')[13] !== '').length;
    expect(deleted).toBe(summary.jobs.deleted);
    expect(summary.jobs.deleted + summary.jobs.openAtHorizon).toBe(summary.jobs.created);
    const puts = events.split('\n').filter((l) => l.split(',')[1] === 'put').length;
    expect(puts).toBe(summary.jobs.created);
    const d = summary.drives;
    const made = d.listed + d.extra + d.orphan + d.undefined;
    expect(drives.length).toBe(made);
    expect(d.shippedBack + d.returned + d.destroyed + d.onSiteAtHorizon + d.neverReceived + d.notShipped).toBe(made);
    const shipped = events.split('\n').filter((l) => l.split(',')[6] === 'ShippedBack').length;
    expect(shipped).toBe(d.shippedBack);
    const destroyed = events.split('\n').filter((l) => l.split(',')[1] === 'destroy').length;
    expect(destroyed).toBe(d.destroyed);
    for (const id of RULE_IDS) {
      const rows = events.split('\n').filter((l) => l.split(',')[7] === id).length;
      expect(summary.rules[id], id).toBe(rows);
    }
  });
});

describe('memory follows open jobs, not the total', () => {
  it('after a long run the live job records are the open ones, and finished jobs were released', () => {
    const loaded = loadScenario('scenarios/default.yaml', ['horizon=730d']);
    const model = new Model(loaded.scenario, {}, { timeline: { kind: 'off' } });
    let maxLive = 0;
    while (!model.done) {
      model.advance(model.now + 7 * 86_400_000);
      maxLive = Math.max(maxLive, model.world.openJobs);
    }
    const summary = model.finish();
    // About 25 jobs/day, each alive ~100 days (90 of retention): about 2,500 open, never the 17,000 created.
    expect(summary.jobs.created).toBeGreaterThan(15_000);
    expect(maxLive).toBeLessThan(summary.jobs.created / 4);
    expect(model.world.openJobs).toBe(summary.jobs.openAtHorizon);
  });

  it('the rows of numbers in use are those of the job objects and unreleased drives, and freed rows are reused', () => {
    const loaded = loadScenario('scenarios/default.yaml', ['horizon=730d']);
    const model = new Model(loaded.scenario, {}, { timeline: { kind: 'off' } });
    model.advance(model.horizon);
    const w = model.world;
    // A job's row is freed when it is deleted or retires into w.retained, a drive's when it is released (number-rows.ts).
    expect(w.jobRows.inUse).toBe(w.jobs.size);
    expect(w.driveRows.inUse).toBe(w.liveDrives);
    // ~17,000 jobs and ~50,000 drives made over two years; rows (~450 and ~1,400) for only the most alive at once.
    expect(w.nextJob - 1).toBeGreaterThan(15_000);
    expect(w.jobRows.made).toBeLessThan((w.nextJob - 1) / 20);
    expect(w.driveRows.made).toBeLessThan((w.nextJob - 1) / 5);
  });

  it('finished jobs whose drives have left wait out R-RETENTION as typed-array entries, not as job objects', () => {
    const loaded = loadScenario('scenarios/default.yaml', ['horizon=400d']);
    const model = new Model(loaded.scenario, {}, { timeline: { kind: 'off' } });
    model.advance(model.horizon);
    const w = model.world;
    const finishedObjects = [...w.jobs.values()].filter((j) => j.state === 'Completed' || j.state === 'Closed').length;
    // About 90 days of finishes are in retention; only the few with a drive still on site or on its way stay objects.
    expect(w.retained.size).toBeGreaterThan(1_000);
    expect(finishedObjects).toBeLessThan(w.retained.size / 20);
    expect(w.jobsInState[w.jobStateIndex('Completed')] + w.jobsInState[w.jobStateIndex('Closed')]).toBe(w.retained.size + finishedObjects);
  });
});

describe('Get Job', () => {
  it('finds a job by its exact name only: J-1 and J-0000001 are not J-000001', () => {
    const { model } = micro();
    const fresh = new Model(model.scenario, {}, { trace: [{ time: 0, type: 'import', drives: 1 }] });
    fresh.advance(86_400_000);
    expect(getJobById(fresh.world, 'J-000001')?.name).toBe('J-000001');
    for (const id of ['J-1', 'J-0000001', 'J-000001-D01', 'j-000001']) expect(getJobById(fresh.world, id), id).toBeUndefined();
  });

  it('at several instants of one job, matches its timeline (state, drive states, progress, logs, return package)', () => {
    const { rows, model } = micro();
    expect(rows.length).toBeGreaterThan(10);
    // A fresh run of the same scenario, stopped at `day`.
    const at = (day: number) => {
      const fresh = new Model(model.scenario, {}, { trace: [{ time: 0, type: 'import', drives: 1 }] });
      fresh.advance(day * 86_400_000);
      return getJobById(fresh.world, 'J-000001')!;
    };
    const stateAt = (day: number, id: string) => rows.filter((r) => r.id === id && r.kind === 'state' && r.day <= day).at(-1)!.to;
    for (const day of [0.5, 3, 5.5, 6, 7, 8]) {
      const g = at(day);
      expect(g.state, `day ${day}`).toBe(stateAt(day, 'J-000001'));
      expect(g.driveList[0].state, `day ${day}`).toBe(stateAt(day, 'J-000001-D01'));
    }
    const mid = at(6); // halfway through the one-day copy
    expect(mid.driveList[0].copyStatus).toBe('InProgress');
    expect(mid.driveList[0].percentComplete).toBe(50);
    expect(mid.percentComplete).toBe(50);
    expect(mid.driveList[0].bytesSucceeded).toBe(43_200_000_000);
    expect(mid.driveList[0].errorLogUri).toBe('https://account.blob.core.windows.net/waimportexport/J-000001_J-000001-D01_error.xml');
    expect(mid.driveList[0].verboseLogUri).toBeUndefined();
    expect(mid.returnPackage).toBeUndefined();
    const before = at(3);
    expect(before.driveList[0].copyStatus).toBeUndefined();
    expect(before.driveList[0].errorLogUri).toBeUndefined();
    const after = at(8);
    expect(after.driveList[0].copyStatus).toBe('Completed');
    expect(after.percentComplete).toBe(100);
    expect(after.returnPackage?.trackingNumber).toBe('RP-000001');
    expect(after.jobType).toBe('Import');
  });
});
