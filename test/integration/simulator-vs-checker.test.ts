/**
 * The simulator and the checker are written apart and share only the spec's
 * tables: a timeline the one writes must satisfy the other, and a timeline
 * bent by one row must not.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateScenario } from '../../src/scenarios/validate.js';
import { deepMerge } from '../../src/scenarios/read.js';
import { Model } from '../../src/model/model.js';
import { TimelineChecker } from '../../src/checker/index.js';
import { TIMELINE_COLUMNS, type TimelineRow, type EventKind, type Entity } from '../../src/spec/timeline.js';
import { IsoFormatter } from '../../src/sim/time.js';
import type { Scenario } from '../../src/scenarios/schema.js';
import { ruleDurations, rulePolicy } from '../../src/scenarios/rule-settings.js';

/** Runs a scenario and returns its timeline rows, as the CSV would hold them. */
function simulate(scenario: Scenario): { rows: TimelineRow[]; horizon: string } {
  const iso = new IsoFormatter();
  const rows: TimelineRow[] = [];
  const model = new Model(scenario, {
    row: (time, kind, entity, id, job, from, to, rule, pkg, detail) =>
      rows.push({ time: iso.format(time), kind: kind as EventKind, entity: entity as Entity, id, job, from, to, rule, package: pkg, detail }),
  });
  model.finish();
  return { rows, horizon: model.world.sim.isoTime(model.horizon) };
}

function check(scenario: Scenario, rows: TimelineRow[], until: string) {
  const checker = new TimelineChecker({ durations: ruleDurations(scenario), policy: rulePolicy(scenario), until });
  rows.forEach((row, i) => checker.push(row, i + 2));
  return checker.finish();
}

const p = (max: number) => fc.double({ min: 0, max, noNaN: true });
const days = (min: number, max: number) => fc.integer({ min, max }).map((d) => `${d}d`);

/** Random but valid scenarios: every mishap dialled anywhere from off to frequent, short horizons. */
const scenarioArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  horizon: days(60, 200),
  arrivals: fc.record({ ratePerDay: fc.double({ min: 1, max: 12, noNaN: true }), exportFraction: p(1) }),
  customer: fc.record({
    neverShips: p(0.3), missingDeliveryPackage: p(0.3), missingReturnAddress: p(0.3), fixesRefusal: p(1),
    shipsBeforeShippingState: p(0.3), cancels: p(0.3), deletesWhileCreating: p(0.2), deletesAfterFinish: p(0.5),
    deleteAttemptWhileShipping: p(0.3), reachable: p(1), cancelOnOverdue: p(1), reexportAfterDamage: p(1),
  }),
  carrier: fc.record({
    lostPackage: p(0.3), delayedPackage: p(0.3), missingDrive: p(0.3), missingDriveFollows: p(1), extraDrive: p(0.3),
    orphanDrive: p(0.3), noJobPackagesPerDay: p(0.5), returnLost: p(0.3), returnDamaged: p(0.3),
  }),
  datacenter: fc.record({ copyStations: fc.integer({ min: 1, max: 12 }), badReturnAddress: p(0.3) }),
  operations: fc.record({ operators: fc.integer({ min: 1, max: 3 }) }),
  faults: fc.record({ drive: p(0.3), job: p(0.3), unresolved: p(1) }),
  rules: fc.record({
    creatingExpiry: days(3, 20), shippingOverdue: days(3, 20), neverReceived: days(3, 20), noResponseClose: days(5, 40),
    // Short ones too: an early return within hours (before operations can call) and a retention of days (a job
    // deleted while its return is still with the carrier) each hid a disagreement between model and checker.
    earlyReturn: fc.integer({ min: 1, max: 480 }).map((h) => `${h}h`), earlyDestroy: days(21, 100), badAddressDestroy: days(5, 100), retention: days(1, 100),
    cancelAllowedIn: fc.constantFrom(['Creating'], ['Creating', 'Shipping'], ['Creating', 'Shipping', 'Received', 'Transferring']),
    deleteAllowedIn: fc.subarray(['Creating', 'Completed', 'Closed'], { minLength: 1 }),
  }),
});

describe('simulator timelines satisfy the checker', () => {
  it('for random scenarios and seeds (every mishap and rule duration varied), the checker finds zero violations', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const scenario = validateScenario(deepMerge({ start: '2026-01-05T00:00:00Z' }, input as Record<string, unknown>), 'random');
        const { rows, horizon } = simulate(scenario);
        const result = check(scenario, rows, horizon);
        const total = Object.values(result.byRule).reduce((a, b) => a + b, 0);
        expect(total, JSON.stringify(result.violations.slice(0, 3))).toBe(0);
      }),
      { numRuns: 40, seed: 20261126 },
    );
  });
});

describe('mutations of a simulator timeline are caught', () => {
  const base = validateScenario(deepMerge({ horizon: '150d', arrivals: { ratePerDay: 8 } }, {}), 'mutation');
  const { rows, horizon } = simulate(base);
  const clean = check(base, rows, horizon);
  const pick = (candidates: number[], k: number) => candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / k)) === 0).slice(0, k);

  it('the unmutated timeline is clean', () => {
    expect(Object.values(clean.byRule).reduce((a, b) => a + b, 0)).toBe(0);
    expect(rows.length).toBeGreaterThan(5000);
  });

  it('shifting any one timer row by a minute is flagged', () => {
    const timerRows = rows.map((r, i) => (r.detail.includes('timer=') ? i : -1)).filter((i) => i >= 0);
    expect(timerRows.length).toBeGreaterThan(20);
    for (const i of pick(timerRows, 25)) {
      for (const shift of [60_000, -60_000]) {
        const bent = rows.map((r) => ({ ...r }));
        bent[i].time = new Date(Date.parse(bent[i].time) + shift).toISOString();
        // Keep the file ordered by time, as the format requires: move the row to its new place.
        const [row] = bent.splice(i, 1);
        let j = bent.findIndex((r) => r.time > row.time);
        if (j < 0) j = bent.length;
        bent.splice(j, 0, row);
        const result = check(base, bent, horizon);
        const total = Object.values(result.byRule).reduce((a, b) => a + b, 0);
        expect(total, `${row.kind} ${row.id} ${row.rule} shifted ${shift / 60_000} min`).toBeGreaterThan(0);
      }
    }
  });

  it('deleting any one state row is flagged', () => {
    const stateRows = rows.map((r, i) => (r.kind === 'state' ? i : -1)).filter((i) => i >= 0);
    for (const i of pick(stateRows, 40)) {
      const bent = rows.filter((_, k) => k !== i);
      const result = check(base, bent, horizon);
      const total = Object.values(result.byRule).reduce((a, b) => a + b, 0);
      expect(total, `deleted ${rows[i].entity} ${rows[i].id} ${rows[i].from}>${rows[i].to}`).toBeGreaterThan(0);
    }
  });

  it('timeline columns are the spec\'s eight, then iesim\'s two', () => {
    expect(TIMELINE_COLUMNS.slice(0, 8)).toEqual(['time', 'kind', 'entity', 'id', 'job', 'from', 'to', 'rule']);
  });
});
