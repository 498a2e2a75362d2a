/**
 * Scenario files with mistakes (issue 4, "Bad input"): every problem comes
 * at once, each naming the file, the field path, what was found and what was
 * expected. Each case writes its files into a fresh temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadScenario } from '../../src/scenarios/read.js';
import { ScenarioError } from '../../src/scenarios/errors.js';
import { DAY } from '../../src/sim/time.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iesim-bad-input-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a scenario file into the temp folder and returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The problems of the ScenarioError that loading throws (fails if it throws anything else, or nothing). */
function problems(path: string, sets: string[] = []): string[] {
  try {
    loadScenario(path, sets);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    const list = (err as ScenarioError).problems;
    expect(list.length).toBeGreaterThan(0);
    return list;
  }
  throw new Error(`${path} loaded without a problem`);
}

/** The one problem that names `field` (as "FILE: field: …"), asserting it is there exactly once. */
function about(list: string[], file: string, field: string): string {
  const hits = list.filter((p) => p.startsWith(`${file}: ${field}: `));
  expect(hits, `a problem about ${field} in:\n${list.join('\n')}`).toHaveLength(1);
  return hits[0];
}

describe('missing and unreadable files', () => {
  it('a missing file names the file', () => {
    const path = join(dir, 'no-such.yaml');
    const list = problems(path);
    expect(list).toEqual([`${path}: no such scenario file`]);
  });

  it('a missing file named by extends names it and the file that extends it', () => {
    const path = file('orphan.yaml', 'extends: gone.yaml\n');
    const [p] = problems(path);
    expect(p).toContain(join(dir, 'gone.yaml'));
    expect(p).toContain('no such scenario file');
    expect(p).toContain(`named by extends in ${path}`);
  });

  it('a folder instead of a file is named, not a crash', () => {
    const sub = join(dir, 'a-folder.yaml');
    mkdirSync(sub, { recursive: true });
    expect(problems(sub)).toEqual([`${sub}: is a folder, not a scenario file`]);
  });

  it('unreadable YAML gives the file, line and column', () => {
    const path = file('unreadable.yaml', 'seed: 1\ncustomer:\n  reachable: 0.5\nseed: 2\n');
    const [p] = problems(path);
    expect(p).toMatch(new RegExp(`^${escape(path)}:4:1: unreadable YAML: .*unique`));
  });

  it('an unclosed flow list gives its line and column', () => {
    const path = file('unclosed.yaml', 'customer:\n  reachable: 0.5\narrivals:\n  weekdayMultipliers: [1, 1,\n  ratePerDay: }\n');
    const list = problems(path);
    for (const p of list) expect(p).toMatch(new RegExp(`^${escape(path)}:\\d+:\\d+: unreadable YAML: `));
    expect(list[0]).toMatch(new RegExp(`^${escape(path)}:(4|5):\\d+:`));
  });

  it('unreadable JSON says JSON, with line and column', () => {
    const path = file('broken.json', '{\n  "seed": 1,,\n  "horizon": "20d"\n}\n');
    const [p] = problems(path);
    expect(p).toMatch(new RegExp(`^${escape(path)}:2:\\d+: unreadable JSON: `));
  });

  it('a file that is not a mapping says what it expected', () => {
    const path = file('list.yaml', '- seed: 1\n- horizon: 20d\n');
    const [p] = problems(path);
    expect(p).toContain(path);
    expect(p).toMatch(/expected a mapping of fields .*got a list/);
  });
});

describe('values that make no sense', () => {
  it('a negative duration and a zero duration name their fields and expect a duration > 0', () => {
    const path = file('durations.yaml', 'rules:\n  retention: -3d\n  creatingExpiry: 0d\n');
    const list = problems(path);
    expect(list).toHaveLength(2);
    expect(about(list, path, 'rules.retention')).toMatch(/expected a duration such as 14d.*got "-3d"/);
    expect(about(list, path, 'rules.creatingExpiry')).toMatch(/expected a duration > 0, got "0d"/);
  });

  it('a number without a unit where a duration belongs', () => {
    const path = file('unitless.yaml', 'rules:\n  retention: 90\n');
    expect(about(problems(path), path, 'rules.retention')).toMatch(/expected a duration such as 14d.*got 90$/);
  });

  it('a probability outside [0, 1] names the field, the bound and the value', () => {
    const path = file('probability.yaml', 'customer:\n  reachable: 1.5\ncarrier:\n  lostPackage: -0.1\n');
    const list = problems(path);
    expect(list).toHaveLength(2);
    expect(about(list, path, 'customer.reachable')).toMatch(/<=\s*1.*got 1\.5/);
    expect(about(list, path, 'carrier.lostPackage')).toMatch(/>=\s*0.*got -0\.1/);
  });

  it('capacity 0 names the field and expects at least 1', () => {
    const path = file('capacity.yaml', 'datacenter:\n  copyStations: 0\noperations:\n  operators: 0\n');
    const list = problems(path);
    expect(about(list, path, 'datacenter.copyStations')).toMatch(/>=\s*1.*got 0/);
    expect(about(list, path, 'operations.operators')).toMatch(/>=\s*1.*got 0/);
  });

  it('a horizon date before the start date', () => {
    const path = file('horizon.yaml', 'start: 2026-03-01\nhorizon: 2026-02-01\n');
    const list = problems(path);
    expect(list).toEqual([`${path}: horizon: expected a date after start (2026-03-01), got "2026-02-01"`]);
  });

  it('a zero horizon duration', () => {
    const path = file('horizon0.yaml', 'horizon: 0d\n');
    expect(about(problems(path), path, 'horizon')).toMatch(/expected a duration > 0, got "0d"/);
  });

  it('a horizon that is neither a duration nor a date', () => {
    const path = file('horizon-word.yaml', 'horizon: next year\n');
    expect(about(problems(path), path, 'horizon')).toMatch(/expected a duration such as 365d or an ISO date after start, got "next year"/);
  });

  it('YAML\'s .nan and .inf, and a number too large for a double, are named as such (JSON would say null)', () => {
    const path = file('inf.yaml', 'arrivals:\n  ratePerDay: .nan\ndatacenter:\n  copyStations: 1e400\noperations:\n  operators: -.inf\n');
    const list = problems(path);
    expect(about(list, path, 'arrivals.ratePerDay')).toMatch(/expected number, got NaN$/);
    expect(about(list, path, 'datacenter.copyStations')).toMatch(/expected number, got infinity$/);
    expect(about(list, path, 'operations.operators')).toMatch(/expected number, got -infinity$/);
  });

  it('a day its month does not have (2026-02-30) is refused as a start, a horizon date, a peak or a holiday, not rolled into March', () => {
    const path = file('feb30.yaml', 'start: 2026-02-30\n');
    expect(about(problems(path), path, 'start')).toMatch(/\(a day its month has\), got "2026-02-30"/);
    const horizon = file('apr31.yaml', 'horizon: 2026-04-31\n');
    expect(about(problems(horizon), horizon, 'horizon')).toMatch(/\(a day its month has\), got "2026-04-31"/);
    const peak = file('peak31.yaml', 'arrivals:\n  peaks:\n    - { from: 2026-06-31, to: 2026-07-10, multiplier: 2 }\n');
    expect(about(problems(peak), peak, 'arrivals.peaks.0.from')).toMatch(/\(a day its month has\), got "2026-06-31"/);
    const holiday = file('holiday.yaml', 'datacenter:\n  dockCalendar:\n    holidays: [2026-12-25, 2026-02-29]\n');
    expect(about(problems(holiday), holiday, 'datacenter.dockCalendar.holidays.1')).toMatch(/expected a date YYYY-MM-DD that its month has/);
  });

  it('a run that would end after the year 9999 is refused (timeline times have four-digit years), by duration or by date', () => {
    const byDuration = file('y10k.yaml', 'start: 9999-12-30\nhorizon: 5d\n');
    expect(about(problems(byDuration), byDuration, 'horizon')).toMatch(/expected the run to end by 9999-12-31T23:59:59\.999Z .*start 9999-12-30 plus horizon 5d ends later/);
    const lastDay = file('y9999.yaml', 'start: 9999-12-20\nhorizon: 11d\n');
    expect(() => loadScenario(lastDay, [])).not.toThrow();
  });

  it('R-DELETE: a policy that deletes a job outside Creating, Completed or Closed is refused, naming the field and the states the spec allows', () => {
    // The spec's table deletes a job from no other state: one deleted in Shipping or Transferring would
    // still have its package, copy or return under way (the model wrote rows for a job already deleted).
    const path = file('delete-policy.yaml', 'rules:\n  deleteAllowedIn: [Creating, Transferring]\n');
    expect(about(problems(path), path, 'rules.deleteAllowedIn.1')).toMatch(/expected one of "Creating"\|"Completed"\|"Closed", got "Transferring"/);
    expect(loadScenario(file('delete-closed.yaml', 'rules:\n  deleteAllowedIn: [Creating, Completed, Closed]\n')).scenario.rules.deleteAllowedIn)
      .toEqual(['Creating', 'Completed', 'Closed']);
  });

  it('a warm-up as long as the run', () => {
    const path = file('warmup.yaml', 'horizon: 30d\nwarmup: 30d\n');
    expect(about(problems(path), path, 'warmup')).toMatch(/expected a warm-up shorter than the run/);
  });
});

describe('extends', () => {
  it('a cycle a → b → a is refused, naming the chain', () => {
    const a = file('cycle/a.yaml', 'extends: b.yaml\nseed: 1\n');
    file('cycle/b.yaml', 'extends: a.yaml\nseed: 2\n');
    const [p] = problems(a);
    expect(p).toContain(a);
    expect(p).toContain('extends: cycle a.yaml → b.yaml → a.yaml');
  });

  it('a file that extends itself is a cycle', () => {
    const self = file('cycle/self.yaml', 'extends: self.yaml\n');
    expect(problems(self)[0]).toContain('extends: cycle self.yaml → self.yaml');
  });

  it('extends must name a file', () => {
    const path = file('extends-number.yaml', 'extends: 42\n');
    expect(problems(path)[0]).toMatch(/extends: expected a file name, got 42/);
  });

  it('a variant states only what differs and inherits the rest', () => {
    file('merge/base.yaml', [
      'seed: 11',
      'horizon: 50d',
      'arrivals:',
      '  ratePerDay: 7',
      '  weekdayMultipliers: [1, 1, 1, 1, 1, 1, 1]',
      'customer:',
      '  reachable: 0.8',
      '  replyDelay: {dist: lognormal, median: 2d, p90: 9d}',
      'datacenter:',
      '  copyStations: 5',
      '',
    ].join('\n'));
    file('merge/middle.yaml', 'extends: base.yaml\ndatacenter:\n  copyStations: 6\n  badReturnAddress: 0.2\n');
    const variant = file('merge/variants/variant.yaml', [
      'extends: ../middle.yaml', // relative to this file's folder
      'customer:',
      '  reachable: 0.5',
      '  replyDelay: {dist: fixed, value: 1d}',
      'arrivals:',
      '  weekdayMultipliers: [0, 1, 1, 1, 1, 1, 0]',
      '',
    ].join('\n'));
    const { scenario: s, name, raw } = loadScenario(variant);
    expect(name).toBe('variant');
    // Own values.
    expect(s.customer.reachable).toBe(0.5);
    expect(s.arrivals.weekdayMultipliers).toEqual([0, 1, 1, 1, 1, 1, 0]); // a list is replaced whole
    expect(s.customer.replyDelay).toEqual({ dist: 'fixed', value: DAY }); // a distribution too: no stray median/p90
    // Inherited from the middle file, and through it from the base.
    expect(s.datacenter.copyStations).toBe(6);
    expect(s.datacenter.badReturnAddress).toBe(0.2);
    expect(s.seed).toBe(11);
    expect(s.horizon).toBe('50d');
    expect(s.arrivals.ratePerDay).toBe(7);
    // Stated nowhere: the schema's defaults.
    expect(s.customer.neverShips).toBe(0.04);
    expect(s.rules.retention).toBe(90 * DAY);
    expect(raw.extends).toBeUndefined();
  });

  it('a mistake in the base is reported once the variant is loaded, naming the variant', () => {
    file('merge/bad-base.yaml', 'customer:\n  reachable: 2\n');
    const v = file('merge/uses-bad-base.yaml', 'extends: bad-base.yaml\nseed: 3\n');
    expect(about(problems(v), v, 'customer.reachable')).toMatch(/got 2$/);
  });
});

describe('unknown keys and distributions', () => {
  it('an unknown key gets "did you mean" and the list of known keys', () => {
    const path = file('typo.yaml', 'customer:\n  replyDelya: {dist: fixed, value: 2d}\n');
    const p = about(problems(path), path, 'customer.replyDelya');
    expect(p).toContain('unknown field (did you mean "replyDelay"?)');
    expect(p).toMatch(/expected one of .*reachable.*replyDelay/);
  });

  it('a top-level typo gets "did you mean" too', () => {
    const path = file('typo-top.yaml', 'horizn: 20d\n');
    expect(about(problems(path), path, 'horizn')).toContain('did you mean "horizon"?');
  });

  it('a key far from every known key gets no wild guess', () => {
    const path = file('nonsense-key.yaml', 'customer:\n  zzzzzzzzzzzz: 1\n');
    const p = about(problems(path), path, 'customer.zzzzzzzzzzzz');
    expect(p).toContain('unknown field');
    expect(p).not.toContain('did you mean');
  });

  it('a lognormal with p90 below its median names customer.replyDelay.p90', () => {
    const path = file('dist.yaml', 'customer:\n  replyDelay: {dist: lognormal, median: 5d, p90: 2d}\n');
    expect(about(problems(path), path, 'customer.replyDelay.p90')).toMatch(/expected > median/);
  });

  it('an unknown kind of distribution lists the kinds', () => {
    const path = file('dist-kind.yaml', 'customer:\n  replyDelay: {dist: lognormale, median: 5d, p90: 9d}\n');
    expect(about(problems(path), path, 'customer.replyDelay.dist')).toMatch(/expected one of .*lognormal.*got "lognormale"/);
  });

  it('a parameter the kind does not take', () => {
    const path = file('dist-param.yaml', 'customer:\n  replyDelay: {dist: exponential, mean: 2d, sd: 1d}\n');
    expect(about(problems(path), path, 'customer.replyDelay.sd')).toMatch(/not a parameter of exponential \(expected mean\)/);
  });

  it('a size where a duration belongs', () => {
    const path = file('dist-unit.yaml', 'customer:\n  replyDelay: {dist: fixed, value: 2TB}\n');
    expect(about(problems(path), path, 'customer.replyDelay.value')).toMatch(/expected a duration such as 14d.*got "2TB"/);
  });

  it('a duration distribution that can draw below 0', () => {
    const path = file('dist-negative.yaml', 'customer:\n  replyDelay: {dist: normal, mean: 2d, sd: 1d}\n');
    expect(about(problems(path), path, 'customer.replyDelay')).toMatch(/can draw values below 0/);
  });

  it('a normal truncated where it has almost no probability is refused at validation, not mid-run', () => {
    const path = file('dist-tail.yaml', 'customer:\n  shipDelay: {dist: normal, mean: 1d, sd: 1h, min: 10d}\n');
    expect(about(problems(path), path, 'customer.shipDelay.min')).toMatch(/almost no probability/);
  });

  it('a distribution written as a plain value', () => {
    const path = file('dist-plain.yaml', 'customer:\n  replyDelay: 2d\n');
    expect(about(problems(path), path, 'customer.replyDelay')).toMatch(/expected object, got "2d"/);
  });
});

describe('all problems at once', () => {
  const text = [
    'start: 2026-03-01',
    'horizon: 2026-02-01', // cross-field: before the start
    'seed: 1.5',
    'customer:',
    '  reachable: 1.5',
    '  replyDelya: {dist: fixed, value: 2d}',
    '  replyDelay: {dist: lognormal, median: 5d, p90: 2d}',
    'datacenter:',
    '  copyStations: 0',
    '  copyOutcome: {info: 0.5, warnings: 0.6}', // cross-field: sums above 1
    'rules:',
    '  retention: -3d',
    '  creatingExpiry: 0d',
    '',
  ].join('\n');

  it('a file with many mistakes gets every one in one error, each naming the file and its field', () => {
    const path = file('many.yaml', text);
    const list = problems(path);
    const fields = ['seed', 'customer.reachable', 'customer.replyDelya', 'customer.replyDelay.p90', 'datacenter.copyStations',
      'rules.retention', 'rules.creatingExpiry', 'horizon', 'datacenter.copyOutcome'];
    for (const f of fields) about(list, path, f);
    expect(list).toHaveLength(fields.length);
    for (const p of list) expect(p.startsWith(`${path}: `)).toBe(true);
    expect(about(list, path, 'seed')).toMatch(/expected int or string, got 1\.5/);
    expect(about(list, path, 'datacenter.copyOutcome')).toMatch(/expected info \+ warnings \+ errors <= 1, got 1\.13/);
  });

  it('the error message lists them all', () => {
    const path = file('many-message.yaml', text);
    try {
      loadScenario(path);
      throw new Error('loaded');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as Error).message).toMatch(/^9 problems:\n/);
      expect((err as Error).message.split('\n')).toHaveLength(10);
    }
  });

  it('a cross-field rule over a bad field stays quiet (no follow-on noise)', () => {
    // start is bad: the horizon and warm-up rules, which need it, do not add guesses.
    const path = file('bad-start.yaml', 'start: 17\nhorizon: 2026-02-01\n');
    const list = problems(path);
    expect(list).toEqual([`${path}: start: expected an ISO 8601 date or instant such as 2026-01-01, got 17`]);
  });
});

describe('--set overrides are validated like the file', () => {
  it('an unknown full path gets "did you mean", naming the --set', () => {
    const path = file('set-base.yaml', 'seed: 1\n');
    const p = about(problems(path, ['customer.replyDelya=2d']), path, '--set customer.replyDelya');
    expect(p).toContain('did you mean "replyDelay"?');
  });

  it('an unknown shorthand gets the full path suggested', () => {
    const path = file('set-base2.yaml', 'seed: 1\n');
    expect(problems(path, ['copyStatons=12'])).toEqual(['--set copyStatons: unknown field (did you mean "datacenter.copyStations"?)']);
  });

  it('a bad value names the field, what was expected and what was found', () => {
    const path = file('set-base3.yaml', 'seed: 1\n');
    const list = problems(path, ['customer.reachable=1.5', 'copyStations=0', 'rules.retention=-3d']);
    expect(list).toHaveLength(3);
    expect(about(list, path, '--set customer.reachable')).toMatch(/<=\s*1.*got 1\.5/);
    expect(about(list, path, '--set datacenter.copyStations')).toMatch(/>=\s*1.*got 0/);
    expect(about(list, path, '--set rules.retention')).toMatch(/expected a duration.*got "-3d"/);
  });

  it('a --set without "=" says what it expects', () => {
    const path = file('set-base4.yaml', 'seed: 1\n');
    expect(problems(path, ['copyStations'])).toEqual(['--set copyStations: expected path=value, e.g. datacenter.copyStations=12']);
  });

  it('a good --set applies, by full path, by shorthand and as YAML', () => {
    const path = file('set-good.yaml', 'datacenter:\n  copyStations: 3\n');
    const { scenario } = loadScenario(path, ['copyStations=12', 'customer.replyDelay={dist: fixed, value: 2d}', 'horizon=20d']);
    expect(scenario.datacenter.copyStations).toBe(12);
    expect(scenario.customer.replyDelay).toEqual({ dist: 'fixed', value: 2 * DAY });
    expect(scenario.horizon).toBe('20d');
  });

  it('problems in the file and in --set come together, each naming its source', () => {
    const path = file('set-and-file.yaml', 'customer:\n  reachable: 3\n');
    const list = problems(path, ['copyStations=0']);
    expect(list).toHaveLength(2);
    about(list, path, 'customer.reachable');
    about(list, path, '--set datacenter.copyStations');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
