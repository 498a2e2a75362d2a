/**
 * Fuzzing scenario input (issue 4): random scenario objects, mixing valid
 * and invalid fields, values, distributions and types, either validate to a
 * scenario that then runs (short horizon, low arrival rate) without a crash,
 * or are refused with a ScenarioError listing its problems: never any other
 * exception. And the compiled CLI, fed random YAML text, never prints a
 * stack trace and exits 0 or 2. Fixed seeds: the same cases every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { validateScenario } from '../../src/scenarios/validate.js';
import { ScenarioError } from '../../src/scenarios/errors.js';
import { Model, runModel } from '../../src/model/model.js';
import { DAY } from '../../src/sim/time.js';
import { makeDistribution } from '../../src/sim/distributions.js';
import { RandomStreams } from '../../src/sim/random.js';
import type { Scenario } from '../../src/scenarios/schema.js';
import { parseDuration } from '../../src/scenarios/units.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const FILE = 'fuzz.yaml';

// ---------------------------------------------------------------- values

const goodDuration = fc.constantFrom('1ms', '500ms', '90m', '1h', '12h', '36h', '1d', '1.5d', '3d', '7d', '14d', '2w', '.5d');
const badDuration = fc.constantFrom('-3d', '0d', '0ms', 'd', '3 days', '1y', '', '14', 14, -1, null, true, [], {});
const goodProbability = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1));
const smallProbability = fc.double({ min: 0, max: 0.3, noNaN: true });
const badProbability = fc.oneof(fc.constantFrom(-0.1, 1.5, 2, NaN, Infinity, -Infinity, '0.5', null), fc.double());
const goodCount = fc.integer({ min: 1, max: 25 });
const badCount = fc.constantFrom(0, -1, 2.5, '10', null, NaN, Infinity);
const goodNumber = fc.integer({ min: 0, max: 40 });
const badNumber = fc.constantFrom(-1, NaN, Infinity, '3', null);
const isoDay = fc.constantFrom('2026-01-01', '2026-01-05', '2026-01-10', '2026-01-20', '2025-12-20');
const goodCalendar = fc.record({
  days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
  hours: fc.constantFrom([0, 24], [8, 17], [6, 22], [9, 9.5]),
  holidays: fc.subarray(['2026-01-01', '2026-01-05', '2026-01-06', '2026-02-02'], { minLength: 0 }),
}, { requiredKeys: ['days', 'hours'] });
const badCalendar = fc.constantFrom({ days: [], hours: [8, 17] }, { days: [7], hours: [8, 17] }, { days: [1], hours: [17, 8] },
  { days: [1], hours: [8, 25] }, { days: [1], hours: [8, 17], holidays: ['Jan 1'] }, { days: [1], hours: [8, 17], weekend: true }, 'weekdays');
const STATES = ['Creating', 'Shipping', 'Received', 'Transferring', 'Packaging', 'Completed', 'Closed', 'Faulted'];
const KINDS = ['fixed', 'uniform', 'exponential', 'normal', 'lognormal', 'triangular', 'gamma', 'erlang', 'weibull', 'bernoulli', 'discrete', 'empirical'];
const PARAMS = ['value', 'min', 'max', 'mean', 'sd', 'median', 'p90', 'mode', 'shape', 'scale', 'k', 'p', 'values', 'weights', 'samples'];
const KIND_PARAMS: Record<string, string[]> = {
  fixed: ['value'], uniform: ['min', 'max'], exponential: ['mean'], normal: ['mean', 'sd', 'min'],
  lognormal: ['median', 'p90'], triangular: ['min', 'mode', 'max'], gamma: ['shape', 'scale'], erlang: ['k', 'mean'],
  weibull: ['shape', 'scale'], bernoulli: ['p'], discrete: ['values', 'weights'], empirical: ['samples'],
};

type Unit = 'duration' | 'bytes' | 'number';

/** Well-formed distributions of every kind, in a field's unit (a plain number is valid in every unit). */
function goodDistributions(unit: Unit): fc.Arbitrary<Record<string, unknown>> {
  const scale = { duration: ['1h', '12h', '1d', '2d', '5d'], bytes: ['150MB', '1GB', '100GB', '1TB'], number: [1, 2, 3, 5] }[unit];
  const pairs = { duration: [['1h', '1d'], ['1d', '3d'], ['12h', '9d']], bytes: [['150MB', '250MB'], ['1TB', '4TB']], number: [[1, 3], [2, 5]] }[unit];
  // A plain number is ms in a duration and bytes in a size: keep them realistic (hours; MB).
  const factor = { duration: 3_600_000, bytes: 1e6, number: 1 }[unit];
  const quantity = fc.oneof(fc.constantFrom<unknown>(...scale), fc.double({ min: 0.5, max: 20, noNaN: true }).map((x) => x * factor));
  const pair = fc.constantFrom(...pairs);
  return fc.oneof(
    quantity.map((value) => ({ dist: 'fixed', value })),
    pair.map(([min, max]) => ({ dist: 'uniform', min, max })),
    quantity.map((mean) => ({ dist: 'exponential', mean })),
    fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })).map(([mean, sd]) => ({ dist: 'normal', mean: mean * factor, sd: sd * factor, min: 0 })),
    pair.map(([median, p90]) => ({ dist: 'lognormal', median, p90 })),
    fc.tuple(fc.double({ min: 1, max: 5, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true })).map(([mean, sd]) => ({ dist: 'lognormal', mean: mean * factor, sd: sd * factor })),
    pair.map(([min, max]) => ({ dist: 'triangular', min, mode: max, max })),
    fc.tuple(fc.double({ min: 0.2, max: 5, noNaN: true }), quantity).map(([shape, scale]) => ({ dist: 'gamma', shape, scale })),
    fc.tuple(fc.integer({ min: 1, max: 5 }), quantity).map(([k, mean]) => ({ dist: 'erlang', k, mean })),
    fc.tuple(fc.double({ min: 0.3, max: 5, noNaN: true }), quantity).map(([shape, scale]) => ({ dist: 'weibull', shape, scale })),
    goodProbability.map((p) => ({ dist: 'bernoulli', p })),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 4 })
      .map((vw) => ({ dist: 'discrete', values: vw.map((x) => x[0]), weights: vw.map((x) => x[1]) })),
    fc.array(quantity, { minLength: 1, maxLength: 4 }).map((samples) => ({ dist: 'empirical', samples })),
  );
}

/**
 * Copy throughput (bytes per second): well-formed, from a handful of bytes
 * per second (copies that cannot end within the run) to 400 MB/s, or malformed.
 */
function throughputs(badness: number): fc.Arbitrary<unknown> {
  const mb = fc.oneof(fc.integer({ min: 1, max: 400 }).map((x) => x * 1e6), fc.integer({ min: 1, max: 1000 }));
  const good = fc.oneof(
    mb.map((value) => ({ dist: 'fixed', value })),
    fc.tuple(mb, mb).map(([a, b]) => ({ dist: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
    fc.constantFrom(['150MB', '250MB'], ['20MB', '400MB']).map(([median, p90]) => ({ dist: 'lognormal', median, p90 })),
    fc.tuple(mb, mb).map(([a, b]) => ({ dist: 'normal', mean: a + b, sd: b, min: a })),
    fc.array(mb, { minLength: 1, maxLength: 4 }).map((samples) => ({ dist: 'empirical', samples })),
  );
  if (badness === 0) return good;
  return fc.oneof(
    { arbitrary: good, weight: 20 },
    { arbitrary: fc.constantFrom({ dist: 'lognormal', median: '150MB' }, { dist: 'fixed', value: '150 MB/s' }, { dist: 'fixed' }, { dist: 'uniform', min: '2TB', max: '1TB' }, { dist: 'fixed', value: '-1MB' }, '150MB', { dist: 'fixed', value: '1d' }), weight: 3 * badness },
  );
}

/** Distributions of every kind in a field's unit, more often malformed as `badness` grows. */
function distributions(badness: number, unit: Unit): fc.Arbitrary<unknown> {
  /** Parameter values of a distribution: small numbers, durations, sizes, lists, and junk. */
  const distValue = fc.oneof(
    { arbitrary: fc.double({ min: -5, max: 30, noNaN: true }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 12 }), weight: 3 },
    { arbitrary: goodDuration, weight: 4 },
    { arbitrary: fc.constantFrom('1MB', '150MB', '2TB', '500GB', '1KiB'), weight: 2 },
    { arbitrary: fc.array(fc.oneof(fc.integer({ min: -2, max: 10 }), fc.double({ min: 0, max: 20, noNaN: true }), goodDuration), { maxLength: 5 }), weight: 2 },
    { arbitrary: fc.constantFrom(NaN, Infinity, -1e308, 'banana', '-2d', null, true), weight: 1 },
  );
  /** A kind with a random subset of its parameters, random values: often invalid. */
  const withParams = fc.constantFrom(...KINDS).chain((kind) =>
    fc.record(Object.fromEntries(KIND_PARAMS[kind].map((k) => [k, distValue])), { requiredKeys: [] as never[] }).map((r) => ({ ...r, dist: kind })));
  const good = goodDistributions(unit);
  if (badness === 0) return fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: withParams, weight: 1 });
  return fc.oneof(
    { arbitrary: good, weight: 20 },
    { arbitrary: withParams, weight: 2 * badness },
    { arbitrary: fc.record({ dist: fc.oneof(fc.constantFrom(...KINDS), fc.constantFrom('lognormale', 'poisson', '', 3)), extra: fc.dictionary(fc.constantFrom(...PARAMS, 'bogus'), distValue, { maxKeys: 4 }) }).map(({ dist, extra }) => ({ ...extra, dist })), weight: badness },
    { arbitrary: fc.constantFrom('2d', 3, null, [], { value: 1 }), weight: badness },
  );
}

/**
 * Scenario objects whose field values are wrong more often as `badness`
 * grows (0: only plausible values, though their combinations may still be
 * wrong, e.g. a lognormal with p90 below its median).
 */
function scenarioObjects(badness: number): fc.Arbitrary<unknown> {
  /** `good`, or now and then `bad` or any JS value at all. */
  const mix = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => (badness === 0
    ? good
    : fc.oneof({ arbitrary: good, weight: 20 }, { arbitrary: bad, weight: 2 * badness }, { arbitrary: fc.anything({ maxDepth: 2 }), weight: badness }));

  const duration = mix(goodDuration, badDuration);
  const probability = mix(goodProbability, badProbability);
  const count = mix(goodCount, badCount);

  const distribution = distributions(badness, 'duration');
  const bytes = distributions(badness, 'bytes');
  const numbers = distributions(badness, 'number');

  const calendar = mix(goodCalendar, badCalendar);
  const multipliers = (n: number) => mix(fc.array(fc.constantFrom(0, 0.5, 1, 1, 2), { minLength: n, maxLength: n }),
    fc.oneof(fc.array(fc.constantFrom(0, 1), { minLength: 0, maxLength: n + 2 }), fc.constant(new Array(n).fill(-1)), fc.constant(new Array(n).fill(0))));
  const window = fc.tuple(isoDay, isoDay).map(([a, b]) => (badness > 0 ? [a, b] : a < b ? [a, b] : a > b ? [b, a] : ['2026-01-01', '2026-01-10']));
  const peak = mix(fc.tuple(window, fc.constantFrom(0, 0.5, 2, 3)).map(([[from, to], multiplier]) => ({ from, to, multiplier })),
    fc.constantFrom({ from: 'soon', to: '2026-01-10', multiplier: 2 }, { from: '2026-01-01', multiplier: 2 }, { from: '2026-01-01', to: '2026-01-10', multiplier: -1 }));
  const states = mix(fc.subarray(STATES), fc.constantFrom(['Creating', 'Shiping'], 'Creating', [1]));
  // The spec deletes a job only from Creating, Completed or Closed (schema.ts refuses the others).
  const deletableStates = mix(fc.subarray(['Creating', 'Completed', 'Closed']), fc.constantFrom(['Creating', 'Shipping'], 'Completed', [1]));

  /** An object whose keys are all optional, plus now and then a misspelt or unknown key, or no object at all. */
  const section = (model: Record<string, fc.Arbitrary<unknown>>, typos: string[]): fc.Arbitrary<unknown> => {
    const known = fc.record(model, { requiredKeys: [] as never[] });
    if (badness === 0) return known;
    const obj = fc.tuple(known, fc.dictionary(fc.constantFrom(...typos, 'bogus'), fc.anything({ maxDepth: 1 }), { maxKeys: 1 }), fc.integer({ min: 0, max: 40 }))
      .map(([k, unknown, dice]) => (dice < badness ? { ...k, ...unknown } : k));
    return fc.oneof({ arbitrary: obj, weight: 40 }, { arbitrary: fc.anything({ maxDepth: 1 }), weight: badness });
  };

  const arrivals = section({
    ratePerDay: mix(fc.constantFrom(0.5, 1, 2, 4), fc.constantFrom(0, -2, 'many', null)),
    weekdayMultipliers: multipliers(7),
    monthMultipliers: multipliers(12),
    peaks: mix(fc.array(peak, { maxLength: 2 }), fc.constantFrom('none', [null])),
    exportFraction: probability,
    importDrives: numbers,
    exportDrives: numbers,
    bytesPerDrive: bytes,
    maxImportDrives: count,
  }, ['ratePerDy', 'peak']);
  const customer = section({
    neverShips: probability, updatesWhileCreating: numbers, updateGap: distribution, shipDelay: distribution,
    missingDeliveryPackage: probability, missingReturnAddress: probability, fixesRefusal: probability, fixDelay: distribution,
    shipsBeforeShippingState: probability, packageToCarrier: distribution, cancels: probability, cancelDelay: distribution,
    deletesWhileCreating: probability, deleteDelay: distribution, deletesAfterFinish: probability, deleteAfterFinishDelay: distribution,
    deleteAttemptWhileShipping: probability, reachable: probability, replyDelay: distribution, cancelOnOverdue: probability,
    reexportAfterDamage: probability,
  }, ['replyDelya', 'reachble', 'neverShip']);
  const carrier = section({
    transit: distribution, lostPackage: probability, delayedPackage: probability, delay: distribution, missingDrive: probability,
    missingDriveFollows: probability, followDelay: distribution, extraDrive: probability, orphanDrive: probability,
    noJobPackagesPerDay: mix(goodNumber.map((x) => x / 4), badNumber), returnTransit: distribution, returnLost: probability, returnDamaged: probability,
  }, ['transt', 'lost']);
  const datacenter = section({
    dockCalendar: calendar, dockDelay: numbers, copyStations: count, copyCalendar: calendar, copyThroughput: throughputs(badness),
    copyOverhead: distribution,
    copyOutcome: mix(fc.record(badness === 0 ? { info: smallProbability, warnings: smallProbability, errors: smallProbability } : { info: goodProbability, warnings: goodProbability, errors: goodProbability }, { requiredKeys: [] as never[] }), fc.constantFrom({ info: 2 }, { fatal: 0.1 }, 0.1)),
    packagingDelay: numbers, badReturnAddress: probability, incompleteBlobList: probability,
  }, ['copyStatons', 'stations']);
  const operations = section({ operators: count, calendar, contactEffort: distribution }, ['operator', 'calender']);
  const faults = section({ drive: probability, job: probability, resolution: distribution, unresolved: probability }, ['drives', 'resolve']);
  const rulesSection = section({
    creatingExpiry: duration, shippingOverdue: duration, neverReceived: duration, noResponseClose: duration, earlyReturn: duration,
    earlyDestroy: duration, badAddressDestroy: duration, retention: duration, overdueExtension: distribution,
    earlyReturnable: probability, cancelAllowedIn: states, deleteAllowedIn: deletableStates,
  }, ['retension', 'creatingExpire']);
  // Plausible rules destroy early drives no sooner than they try to return them.
  const rules = badness > 0 ? rulesSection : rulesSection.map((r) => {
    const o = r as Record<string, unknown>;
    const ret = parseDuration(String(o.earlyReturn ?? '14d'))!, destroy = parseDuration(String(o.earlyDestroy ?? '90d'))!;
    return destroy >= ret ? o : { ...o, earlyReturn: o.earlyDestroy ?? '90d', earlyDestroy: o.earlyReturn ?? '14d' };
  });
  const getJob = section({
    diagnosticsPath: mix(fc.constantFrom('waimportexport', 'logs'), fc.constantFrom(3, null)),
    logLevel: mix(fc.constantFrom('Error', 'Verbose'), fc.constantFrom('Debug', 1)),
    storageAccount: fc.string({ maxLength: 12 }),
  }, ['loglevel']);

  return fc.record({
    name: mix(fc.constantFrom('fuzz', 'a.b-c_1'), fc.constantFrom('has space', '', 7)),
    description: mix(fc.string({ maxLength: 20 }), fc.constantFrom(1, null)),
    seed: mix(fc.oneof(fc.integer(), fc.string({ maxLength: 6 })), fc.constantFrom(1.5, null, [])),
    start: mix(fc.constantFrom('2026-01-01', '2026-01-03T12:00:00Z', '2026-02-28'), fc.constantFrom('yesterday', '2026-13-01', 20260101, null)),
    // Short horizons only: every valid scenario must run quickly.
    horizon: mix(fc.constantFrom('20d', '10d', '36h', '2026-01-15', '2026-01-21T06:00:00Z'), fc.constantFrom('0d', '-5d', 'soon', '2025-06-01', 20, null)),
    warmup: mix(fc.constantFrom('0d', '1d', '3d'), fc.constantFrom('-1d', '400d', 'x', 3)),
    arrivals, customer, carrier, datacenter, operations, faults, rules, getJob,
    expect: mix(fc.constantFrom({ violations: 0 }, { 'turnaround.p95': { max: '12d' } }), fc.constantFrom('all good', 3)),
    sweep: mix(fc.constantFrom({ 'datacenter.copyStations': [8, 10] }), fc.constantFrom({ copyStations: [] }, { a: 'b' })),
    ...(badness > 0 ? { horizn: fc.constantFrom('20d') } : {}),
  }, { requiredKeys: ['horizon'] as never[] });
}

/** A whole scenario object: any subset of sections and fields, valid or not; sometimes not even an object. */
const scenarioObject: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: scenarioObjects(0), weight: 6 },
  { arbitrary: scenarioObjects(1), weight: 4 },
  { arbitrary: scenarioObjects(5), weight: 4 },
  { arbitrary: scenarioObjects(20), weight: 4 },
  // Any JS value at all; an object that happens to validate gets a short horizon, like every run here.
  { arbitrary: fc.anything({ maxDepth: 2 }).map((v) => (isPlainObject(v) && !('horizon' in v) ? { ...v, horizon: '20d' } : v)), weight: 1 },
);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One distribution of any kind, valid or not (for the per-field property). */
const distribution = fc.oneof(distributions(0, 'duration'), distributions(5, 'duration'));

/** Only plausible field values (no junk, no unknown keys): anything refused must be a cross-field problem. */
const plausibleObject = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  start: fc.constantFrom('2026-01-01', '2026-01-03T12:00:00Z', '2026-02-28'),
  horizon: fc.constantFrom('20d', '10d', '36h', '2026-01-15'),
  warmup: fc.constantFrom('0d', '1d', '3d'),
  arrivals: fc.record({
    ratePerDay: fc.constantFrom(0.5, 1, 2, 4), weekdayMultipliers: fc.array(fc.constantFrom(0, 1, 2), { minLength: 7, maxLength: 7 }),
    peaks: fc.array(fc.record({ from: isoDay, to: isoDay, multiplier: fc.constantFrom(0, 2) }), { maxLength: 2 }),
    exportFraction: goodProbability, maxImportDrives: goodCount,
  }, { requiredKeys: [] as never[] }),
  customer: fc.record({ reachable: goodProbability, cancels: goodProbability, neverShips: goodProbability, cancelOnOverdue: goodProbability }, { requiredKeys: [] as never[] }),
  carrier: fc.record({ lostPackage: goodProbability, delayedPackage: goodProbability, missingDrive: goodProbability, extraDrive: goodProbability, orphanDrive: goodProbability, returnLost: goodProbability }, { requiredKeys: [] as never[] }),
  datacenter: fc.record({ copyStations: goodCount, copyCalendar: goodCalendar, dockCalendar: goodCalendar, copyOutcome: fc.record({ info: goodProbability, warnings: goodProbability, errors: goodProbability }), badReturnAddress: goodProbability }, { requiredKeys: [] as never[] }),
  operations: fc.record({ operators: goodCount, calendar: goodCalendar }, { requiredKeys: [] as never[] }),
  faults: fc.record({ drive: goodProbability, job: goodProbability, unresolved: goodProbability }, { requiredKeys: [] as never[] }),
  rules: fc.record({ creatingExpiry: goodDuration, shippingOverdue: goodDuration, neverReceived: goodDuration, noResponseClose: goodDuration, retention: goodDuration, earlyReturn: goodDuration, cancelAllowedIn: fc.subarray(STATES) }, { requiredKeys: [] as never[] }),
}, { requiredKeys: [] as never[] });

/** The fields the cross-field rules speak about. */
const CROSS_FIELDS = /^fuzz\.yaml: (horizon|warmup|start|arrivals|arrivals\.peaks\.\d+\.(from|to)|datacenter\.copyOutcome|rules\.earlyDestroy): /;

// ---------------------------------------------------------------- properties

type Outcome = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** validateScenario's outcome; anything thrown other than a ScenarioError fails the property. */
function validate(raw: unknown): Outcome {
  try {
    return { ok: true, scenario: validateScenario(raw, FILE) };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw new Error(`validateScenario threw ${(err as Error)?.name}: ${(err as Error)?.stack ?? err}\ninput: ${safeJson(raw)}`);
    return { ok: false, problems: err.problems };
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function expectCleanProblems(problems: string[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p).toBe('string');
    expect(p.startsWith(`${FILE}: `), p).toBe(true);
    // FILE: field.path: message, the message non-empty.
    expect(p.slice(FILE.length + 2)).toMatch(/^[^\n]+?: \S/);
    expect(p).not.toMatch(/\n\s+at /);
  }
}

/**
 * A short run of a valid scenario must finish without throwing, and its
 * summary must be plausible. Run a simulated day at a time: a legal but
 * pathological scenario (every copy faults, each fault resolved within a
 * millisecond) makes millions of events, so past an event budget the run is
 * stopped there (it threw nothing so far) rather than run for minutes.
 */
function expectRuns(scenario: Scenario): 'finished' | 'over budget' {
  const model = new Model(scenario, {}, { timeline: { kind: 'full' } });
  while (!model.done) {
    model.advance(model.now + DAY);
    if (model.world.sim.eventsProcessed > EVENT_BUDGET) return 'over budget';
  }
  const summary = model.finish();
  expect(summary.jobs.created).toBeGreaterThanOrEqual(0);
  expect(Number.isInteger(summary.events)).toBe(true);
  expect(summary.jobs.finished).toBeLessThanOrEqual(summary.jobs.created);
  for (const k of ['copyUtilization', 'opsUtilization'] as const) {
    expect(summary.kpis[k]).toBeGreaterThanOrEqual(0);
    expect(summary.kpis[k]).toBeLessThanOrEqual(1 + 1e-9);
  }
  return 'finished';
}

const EVENT_BUDGET = 200_000;

describe('fuzzing validateScenario and short runs', () => {
  it('random scenario objects give a scenario that runs, or a ScenarioError with its problems', () => {
    let valid = 0, invalid = 0;
    fc.assert(
      fc.property(scenarioObject, (raw) => {
        const r = validate(raw);
        if (r.ok) {
          valid++;
          expectRuns(r.scenario);
        } else {
          invalid++;
          expectCleanProblems(r.problems);
        }
      }),
      { seed: 20260401, numRuns: 800 },
    );
    // The generator must reach both sides, or the property proves little.
    expect(invalid).toBeGreaterThan(200);
    expect(valid).toBeGreaterThan(80);
  });

  it('plausible field values are refused only for cross-field reasons, and the rest run', () => {
    let valid = 0;
    fc.assert(
      fc.property(plausibleObject, (raw) => {
        const r = validate(raw);
        if (r.ok) {
          valid++;
          expectRuns(r.scenario);
        } else {
          expectCleanProblems(r.problems);
          for (const p of r.problems) expect(p).toMatch(CROSS_FIELDS);
        }
      }),
      { seed: 4242, numRuns: 150 },
    );
    expect(valid).toBeGreaterThan(50);
  });

  it('random distributions in a duration field: valid ones draw finite durations >= 0 and run, others name the field', () => {
    const rng = new RandomStreams('fuzz').stream('draws');
    let valid = 0, invalid = 0;
    fc.assert(
      fc.property(distribution, (dist) => {
        const r = validate({ horizon: '10d', arrivals: { ratePerDay: 2 }, customer: { shipDelay: dist } });
        if (r.ok) {
          valid++;
          const d = makeDistribution(r.scenario.customer.shipDelay);
          for (let i = 0; i < 200; i++) {
            const x = d.sample(rng);
            expect(Number.isFinite(x) && x >= 0, `${JSON.stringify(dist)} drew ${x}`).toBe(true);
          }
          expectRuns(r.scenario);
        } else {
          invalid++;
          expectCleanProblems(r.problems);
          for (const p of r.problems) expect(p).toMatch(/^fuzz\.yaml: customer\.shipDelay(\.[a-z0-9]+)*: /i);
        }
      }),
      { seed: 77, numRuns: 300 },
    );
    expect(valid).toBeGreaterThan(75);
    expect(invalid).toBeGreaterThan(75);
  });
});

// ---------------------------------------------------------------- CLI

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iesim-fuzz-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Ten aliases of ten aliases of … (the parser's "billion laughs" guard). */
const ALIAS_BOMB = Array.from({ length: 8 }, (_, i) => (i === 0 ? 'a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]' : `a${i}: &a${i} [${new Array(10).fill(`*a${i - 1}`).join(', ')}]`)).join('\n');

/** Random YAML text: scenario objects written out, a shipped scenario mutated, and raw YAML-ish characters. */
const DEFAULT_TEXT = readFileSync(join(ROOT, 'scenarios', 'default.yaml'), 'utf8');
const yamlText = fc.oneof(
  { weight: 3, arbitrary: scenarioObject.map((o) => { try { return stringify(o); } catch { return safeJson(o) ?? ''; } }) },
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.string({ unit: fc.constantFrom(...':-[]{},#&*!|>\'"%@` \n\tx1.'), maxLength: 4 })), { minLength: 1, maxLength: 4 })
    .map((edits) => edits.reduce((text, [at, del, ins]) => { const i = at % (text.length + 1); return text.slice(0, i) + ins + text.slice(i + del); }, DEFAULT_TEXT)) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...':-[]{},#&*!|>\'"%@` \n\n  abcdxyz019.'), maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '~', '---\n---\n', 'a: &x [*x]\n', 'customer:\n  replyDelay: &x {dist: fixed, value: *x}\n', ALIAS_BOMB,
    '- 1\n- 2\n', 'seed: !!binary AAAA\n', 'a: !!int xyz\n', 'horizon: !!timestamp 2026-03-01\n', '? [a, b]\n: 1\n', 'extends: default.yaml\n', 'extends: .\n', 'extends: fuzz-self.yaml\n', '\u0000\u0001') },
);

describe('fuzzing the CLI: iesim validate', () => {
  it.skipIf(!existsSync(CLI))('random YAML text never gives a stack trace; exit 0 or 2', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(yamlText, { minLength: 1, maxLength: 12 }), (texts) => {
        const files = texts.map((t) => {
          const f = join(dir, `case-${n++}.yaml`);
          writeFileSync(f, t);
          return f;
        });
        const r = spawnSync(process.execPath, [CLI, 'validate', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
        const output = `${r.stdout}\n${r.stderr}`;
        expect(output).not.toMatch(/^\s+at /m);
        expect(output).not.toContain('internal error');
        expect([0, 2], `exit ${r.status}, signal ${r.signal}:\n${output}`).toContain(r.status);
        // Every file is accounted for: "FILE: ok" on stdout, or its problems on stderr.
        for (const f of files) expect(output).toContain(f);
        if (r.status === 0) expect(r.stdout.trim().split('\n')).toHaveLength(files.length);
      }),
      { seed: 99, numRuns: 12 },
    );
  });
});


// ---------------------------------------------------------------- findings

/**
 * Crashes the fuzzing found in the model and kernel (src/model, src/sim),
 * kept as regression tests: each is a valid scenario whose run used to throw.
 */
describe('fuzz findings in the model (src/model, src/sim)', () => {
  const base = { horizon: '30d', arrivals: { ratePerDay: 2 } };

  it('a copy that needs centuries of a part-time copy calendar does not crash the run', () => {
    // 150 bytes/s (the user meant 150MB) on office hours: a 1.5 TB copy needs over 1,000 years of
    // working time; WorkCalendar.addWorking gives up after 400 years and throws a RangeError.
    const s = validateScenario({ ...base, datacenter: { copyCalendar: { days: [1, 2, 3, 4, 5], hours: [8, 17] }, copyThroughput: { dist: 'fixed', value: 150 } } }, FILE);
    expect(() => runModel(s)).not.toThrow();
  });

  it('a dock delay of a million business days does not crash the run', () => {
    const s = validateScenario({ ...base, datacenter: { dockDelay: { dist: 'fixed', value: 1e6 } } }, FILE);
    expect(() => runModel(s)).not.toThrow();
  });

  // Found by fuzzing too, and fixed in src/model/arrivals.ts meanwhile: regression guards.
  it('a vanishingly small arrival rate (valid: > 0) does not crash the run', () => {
    const s = validateScenario({ horizon: '30d', arrivals: { ratePerDay: 1e-310 } }, FILE);
    expect(runModel(s).jobs.created).toBe(0);
  });

  it('a vanishingly small rate of packages of no job does not crash the run', () => {
    const s = validateScenario({ ...base, carrier: { noJobPackagesPerDay: 1e-310 } }, FILE);
    expect(runModel(s).drives.undefined).toBe(0);
  });
});
