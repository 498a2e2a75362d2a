/**
 * Every command end to end through the compiled CLI (`node dist/src/cli/main.js`),
 * run from the project folder with outputs in a temporary folder: run (and
 * --check), sweep, merge, job, validate, schema, --help of each; exit codes
 * 0/1/2; no stack trace for bad usage; nothing written for bad input; an
 * interrupted run leaves no half result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, csvRows, expectNoStack, expectUserError, iesim, list, listFiles, read, readJson, removeDir, tempDir, writeScenario } from './helpers.js';

const SHIPPED = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

let dir: string;
beforeAll(() => {
  dir = tempDir('commands');
});
afterAll(() => removeDir(dir));

describe('iesim run', () => {
  let out: string;
  let r: ReturnType<typeof iesim>;
  beforeAll(() => {
    out = join(dir, 'run-default');
    r = iesim(['run', 'scenarios/default.yaml', '--set', 'horizon=30d', '--quiet', '--out', out]);
  });

  it('exits 0 and writes every output file', () => {
    expect(r.status, r.stderr).toBe(0);
    expectNoStack(r);
    expect(r.stdout).toContain(`outputs in ${out}/`);
    expect(list(out)).toEqual(['charts', 'checks.json', 'drives.csv', 'events.csv', 'jobs.csv', 'manifest.json', 'report.html', 'summary.json', 'timeseries.csv']);
    expect(list(join(out, 'charts')).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(7);
    expect(list(dir).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary folder left behind
  });

  it('summary.json and the CSV files hold the run', () => {
    const s = readJson(join(out, 'summary.json'));
    expect(s.scenario).toBe('default');
    expect(s.jobs.created).toBeGreaterThan(100);
    expect(s.horizon).toBe('2026-01-31T00:00:00.000Z');
    expect(read(join(out, 'events.csv')).split('\n')[0]).toMatch(/^time,kind,entity,id,job,from,to,rule/);
    // One row a day at 00:00 from the start to the horizon, both included.
    const days = csvRows(read(join(out, 'timeseries.csv'))).map((r) => r.date);
    expect(days).toHaveLength(31);
    expect([days[0], days[30]]).toEqual(['2026-01-01', '2026-01-31']);
  });

  it('manifest.json names the version, the canonical scenario and the SHA-256 of every data file (the report, drawn from them after it, aside)', () => {
    const m = readJson(join(out, 'manifest.json'));
    expect(m.iesim).toBe(readJson(join(ROOT, 'package.json')).version);
    expect(m.node).toBe(process.version);
    expect(m.seed).toBe(1);
    expect(m.scenario.horizon).toBe('30d');
    expect(m.scenario.rules.retention).toBe(90 * 86_400_000); // defaults filled in, in ms
    expect(m.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(m.files).sort()).toEqual(['checks.json', 'drives.csv', 'events.csv', 'jobs.csv', 'summary.json', 'timeseries.csv']);
    for (const [f, hash] of Object.entries(m.files)) expect(createHash('sha256').update(readFileSync(join(out, f))).digest('hex'), f).toBe(hash);
  });

  it('the same run again gives the same files', () => {
    const again = join(dir, 'run-default-again');
    expect(iesim(['run', 'scenarios/default.yaml', '--set', 'horizon=30d', '--quiet', '--out', again]).status).toBe(0);
    const files = listFiles(out);
    expect(listFiles(again)).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });
});

describe('iesim run --check', () => {
  const scenario = (expect: Record<string, unknown>) => ({ horizon: '40d', arrivals: { ratePerDay: 10 }, expect });

  it('exits 0 when every expectation holds, listing each', () => {
    const file = writeScenario(dir, 'check-pass.yaml', scenario({ throughputPerDay: { min: 0.1 }, 'turnaround.p95': { max: '60d' }, 'jobs.created': { min: 100, max: 1000 } }));
    const out = join(dir, 'check-pass');
    const r = iesim(['run', file, '--check', '--quiet', '--timeline', 'off', '--out', out]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/expect\.throughputPerDay: ok: /);
    expect(r.stdout).toMatch(/expect\.turnaround\.p95: ok: .*\(expected <= 60\)/);
    expect(r.stdout).toMatch(/expect\.jobs\.created: ok: /);
    expect(r.stdout).not.toContain('FAILED');
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('exits 1 when one fails, naming the failed expectation (the others still ok)', () => {
    const file = writeScenario(dir, 'check-fail.yaml', scenario({ throughputPerDay: { min: 0.1 }, 'turnaround.p95': { max: '1h' } }));
    const r = iesim(['run', file, '--check', '--quiet', '--timeline', 'off', '--out', join(dir, 'check-fail')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expectNoStack(r);
    expect(r.stdout).toMatch(/expect\.turnaround\.p95: FAILED: [\d.]+ \(expected <= 0\.041/);
    expect(r.stdout).toMatch(/expect\.throughputPerDay: ok/);
  });

  it('with replications, the expectation is checked against the mean', () => {
    const file = writeScenario(dir, 'check-mean.yaml', scenario({ 'jobs.created': { min: 1000 } }));
    const r = iesim(['run', file, '--check', '-r', '2', '--workers', '1', '--quiet', '--timeline', 'off', '--out', join(dir, 'check-mean')]);
    expect(r.status).toBe(1);
    const s = readJson(join(dir, 'check-mean', 'summary.json'));
    expect(r.stdout).toContain(`expect.jobs.created: FAILED: ${+s.jobs.created.mean.toFixed(4)} (expected >= 1000)`);
  });

  it('--check without an expect: block is bad usage: exit 2, and nothing is written', () => {
    const file = writeScenario(dir, 'check-none.yaml', { horizon: '20d' });
    const out = join(dir, 'check-none');
    expectUserError(iesim(['run', file, '--check', '--out', out]), `${file}: --check needs an expect: block`);
    expect(existsSync(out)).toBe(false);
  });

  // BUG (run.ts + the checker): `expect: {violations: 0}` (default.yaml's, and the README's first
  // example) is always reported "no such KPI in this run": run --check passes no violation count,
  // since the timeline checker (src/checker) is not wired into `run` yet. Exit 1 on a clean run.
  it('violations: 0 passes on a clean timeline (default.yaml --check)', () => {
    const r = iesim(['run', 'scenarios/default.yaml', '--check', '--set', 'horizon=20d', '--quiet', '--out', join(dir, 'check-violations')]);
    expect(r.stdout).toMatch(/expect\.violations: ok/);
    expect(r.status).toBe(0);
  });
});

describe('iesim run with arrivals.trace', () => {
  // Five jobs: one before the start, two in the 10-day run (an import on the 2nd, an export on the 3rd), two from its end on.
  let scenario: string;
  beforeAll(() => {
    writeFileSync(join(dir, 'arrivals.csv'), 'time,type,drives\n2025-12-31T23:00:00Z,import,1\n2026-01-02T00:00:00Z,import,2\n2026-01-03T00:00:00Z,export,1\n2026-01-11T00:00:00Z,import,1\n2026-02-01T00:00:00Z,import,1\n');
    scenario = writeScenario(dir, 'traced.yaml', { extends: join(ROOT, 'scenarios', 'default.yaml'), start: '2026-01-01', horizon: '10d', arrivals: { trace: 'arrivals.csv' } });
  });

  it('warns of the trace\'s jobs outside the run (before its start, at or after its end) and simulates the rest', () => {
    const out = join(dir, 'run-traced');
    const r = iesim(['run', scenario, '--quiet', '--no-report', '--timeline', 'off', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`iesim: warning: ${scenario}: arrivals.trace: 3 of 5 jobs are outside the run (2026-01-01T00:00:00.000Z to 2026-01-11T00:00:00.000Z), 1 before its start and 2 at or after its end, and not simulated`);
    expect(readJson(join(out, 'summary.json')).jobs.created).toBe(2);
  });

  it('iesim job answers for the trace\'s jobs, as iesim run simulates them (not for Poisson arrivals)', () => {
    const r = iesim(['job', scenario, '--id', 'J-000002', '--at', '2026-01-05T00:00Z']);
    expect(r.status, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job.jobType).toBe('Export'); // the trace's second job in the run: 2026-01-03, export, 1 drive
    expect(job.driveList).toHaveLength(1);
    const third = iesim(['job', scenario, '--id', 'J-000003', '--at', '2026-01-10T00:00Z']);
    expect(third.status).toBe(1);
    expect(third.stderr).toContain('job J-000003 does not exist yet at 2026-01-10T00:00Z');
    expect(third.stderr).toContain('arrivals.trace: 3 of 5 jobs are outside the run');
  });

  it('says nothing when every job of the trace is in the run', () => {
    writeFileSync(join(dir, 'inside.csv'), 'time,type,drives\n2026-01-02T00:00:00Z,import,2\n');
    const scenario = writeScenario(dir, 'inside.yaml', { extends: join(ROOT, 'scenarios', 'default.yaml'), start: '2026-01-01', horizon: '10d', arrivals: { trace: 'inside.csv' } });
    const r = iesim(['run', scenario, '--quiet', '--no-report', '--timeline', 'off', '--out', join(dir, 'run-inside')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('iesim sweep and iesim merge', () => {
  it('a sharded sweep merges into the result of the whole sweep', () => {
    const args = ['sweep', 'scenarios/default.yaml', '--set', 'datacenter.copyStations=12,16', '--set', 'horizon=20d', '-r', '1', '--workers', '1', '--quiet'];
    const whole = iesim([...args, '--out', join(dir, 'sweep-whole')]);
    expect(whole.status, whole.stderr).toBe(0);
    expect(list(join(dir, 'sweep-whole'))).toEqual(['manifest.json', 'runs.csv', 'sweep.csv', 'variants.json']);
    for (const k of [1, 2]) {
      const r = iesim([...args, '--shard', `${k}/2`, '--out', join(dir, `sweep-${k}`)]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('combine the shards with iesim merge');
    }
    const m = iesim(['merge', join(dir, 'sweep-1'), join(dir, 'sweep-2'), '--out', join(dir, 'sweep-merged')]);
    expect(m.status, m.stderr).toBe(0);
    expect(read(join(dir, 'sweep-merged', 'sweep.csv'))).toBe(read(join(dir, 'sweep-whole', 'sweep.csv')));
    // Merging into one of the shards would replace it: refused, by any spelling of its path, and the shard left alone.
    const shard = read(join(dir, 'sweep-2', 'runs.csv'));
    for (const out of [join(dir, 'sweep-2'), `${join(dir, 'sweep-2')}/`, join(dir, 'sweep-1', '..', 'sweep-2')]) {
      expectUserError(iesim(['merge', join(dir, 'sweep-1'), join(dir, 'sweep-2'), '--out', out]), `--out: ${out} is one of the shards being merged`);
    }
    expect(read(join(dir, 'sweep-2', 'runs.csv'))).toBe(shard);
  });

  it('a scenario without a sweep: block nor a list is bad usage', () => {
    expectUserError(iesim(['sweep', 'scenarios/default.yaml', '--out', join(dir, 'sweep-none')]), 'nothing to sweep');
    expect(existsSync(join(dir, 'sweep-none'))).toBe(false);
  });
});

describe('iesim job', () => {
  const base = ['job', 'scenarios/default.yaml', '--set', 'horizon=30d'];

  it('prints Get Job as JSON with state and driveList', () => {
    const r = iesim([...base, '--id', 'J-000001', '--at', '2026-01-10T00:00Z']);
    expect(r.status, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job.name).toBe('J-000001');
    expect(job.at).toBe('2026-01-10T00:00:00.000Z');
    expect(typeof job.state).toBe('string');
    expect(Array.isArray(job.driveList)).toBe(true);
    expect(job.driveList.length).toBeGreaterThan(0);
    for (const d of job.driveList) expect(d.driveId).toMatch(/^J-000001-D\d\d$/);
  });

  it('a job that does not exist yet: "not found", exit 1', () => {
    const r = iesim([...base, '--id', 'J-999999', '--at', '2026-01-10T00:00Z']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('J-999999 does not exist yet');
    expect(r.stderr).not.toContain('job IDs look like');
    expect(r.stdout).toBe('');
  });

  it('a drive\'s ID or a job ID in another form: "not found", with what job IDs look like', () => {
    for (const id of ['J-000001-D01', 'J-1']) {
      const r = iesim([...base, '--id', id, '--at', '2026-01-10T00:00Z']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`job ${id} does not exist at 2026-01-10T00:00Z: Get Job answers "not found" (job IDs look like J-000042)`);
    }
  });

  it('an instant outside the run, or no instant at all, is bad usage', () => {
    expectUserError(iesim([...base, '--id', 'J-000001', '--at', '2027-01-01']), 'after the scenario\'s horizon');
    expectUserError(iesim([...base, '--id', 'J-000001', '--at', 'tomorrow']), '--at: expected an ISO 8601');
    expectUserError(iesim([...base, '--id', 'J-000001']), 'Missing required argument: at');
  });
});

describe('iesim validate', () => {
  it(`every shipped scenario is valid (${SHIPPED.length} files): exit 0`, () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(7);
    const r = iesim(['validate', ...SHIPPED.map((f) => `scenarios/${f}`)]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(SHIPPED.map((f) => `scenarios/${f}: ok`));
  });

  it('a bad file: exit 2, every problem with the file and the field, and the good files still ok', () => {
    const bad = writeScenario(dir, 'bad.yaml', 'customer:\n  reachable: 1.5\n  replyDelya: {dist: fixed, value: 2d}\ndatacenter:\n  copyStations: 0\n');
    const r = iesim(['validate', 'scenarios/default.yaml', bad]);
    expectUserError(r, `${bad}: customer.reachable: `);
    expect(r.stdout).toBe('scenarios/default.yaml: ok\n');
    expect(r.stderr).toMatch(/^3 problems:/);
    expect(r.stderr).toContain(`${bad}: customer.replyDelya: unknown field (did you mean "replyDelay"?)`);
    expect(r.stderr).toContain(`${bad}: datacenter.copyStations: Too small: expected number to be >=1, got 0`);
  });

  it('--set is validated too', () => {
    expectUserError(iesim(['validate', 'scenarios/default.yaml', '--set', 'copyStatons=3']), '--set copyStatons: unknown field (did you mean "datacenter.copyStations"?)');
  });
});

describe('iesim schema', () => {
  it('prints a JSON Schema with every section, defaults, units and docs', () => {
    const r = iesim(['schema']);
    expect(r.status, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.title).toBe('iesim scenario');
    expect(schema.type).toBe('object');
    for (const k of ['arrivals', 'customer', 'carrier', 'datacenter', 'operations', 'faults', 'rules']) expect(schema.properties[k], k).toBeDefined();
    const reachable = schema.properties.customer.properties.reachable;
    expect(reachable).toMatchObject({ type: 'number', minimum: 0, maximum: 1, default: 0.9 });
    expect(reachable.description).toMatch(/answers/);
    expect(schema.properties.customer.properties.replyDelay.description).toBeTruthy();
    expect(schema.properties.rules.properties.retention.default).toBe('90d');
  });
});

describe('--help', () => {
  const EXAMPLES: Record<string, string> = {
    run: 'iesim run scenarios/default.yaml --check',
    sweep: 'iesim sweep scenarios/copy-capacity-sweep.yaml',
    merge: 'iesim merge shards/1 shards/2',
    job: 'iesim job scenarios/default.yaml --id J-000042',
    validate: 'iesim validate scenarios/*.yaml',
    schema: 'iesim schema > scenario.schema.json',
  };
  for (const [command, example] of Object.entries(EXAMPLES)) {
    it(`iesim ${command} --help shows its examples`, () => {
      const r = iesim([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain(example);
    });
  }

  it('iesim --help lists every command', () => {
    const r = iesim(['--help']);
    expect(r.status).toBe(0);
    for (const c of Object.keys(EXAMPLES)) expect(r.stdout).toContain(`iesim ${c}`);
  });
});

describe('bad usage: exit 2, a message, no stack trace', () => {
  it('an unknown flag', () => {
    expectUserError(iesim(['run', '--bogus', '--out', join(dir, 'u1')]), 'Unknown argument: bogus');
  });

  it('an unknown command', () => {
    expectUserError(iesim(['frobnicate']), 'Unknown argument: frobnicate');
  });

  it('no command at all', () => {
    expectUserError(iesim([]), 'Name a command');
  });

  it('a missing scenario file', () => {
    expectUserError(iesim(['run', join(dir, 'nope.yaml'), '--out', join(dir, 'u2')]), `${join(dir, 'nope.yaml')}: no such scenario file`);
  });

  it('a folder instead of a scenario file', () => {
    expectUserError(iesim(['validate', 'scenarios']), 'is a folder, not a scenario file');
  });

  it('bad option values', () => {
    expectUserError(iesim(['run', '--replications', '0', '--out', join(dir, 'u3')]), '--replications: expected a whole number >= 1, got 0');
    expectUserError(iesim(['run', '--timeline', 'most', '--out', join(dir, 'u3')]), '--timeline: expected full, off or sample:N');
  });

  it('none of them wrote anything', () => {
    for (const u of ['u1', 'u2', 'u3']) expect(existsSync(join(dir, u)), u).toBe(false);
  });
});

describe('nothing is written to the output folder when the input is bad', () => {
  it('a scenario with mistakes: exit 2 and no folder (nor a temporary one)', () => {
    const sub = tempDir('bad-input');
    try {
      const bad = writeScenario(sub, 'bad.yaml', 'horizon: 2025-01-01\nrules:\n  retention: -3d\n');
      const out = join(sub, 'out');
      const r = iesim(['run', bad, '--out', out]);
      expectUserError(r, /^iesim: 2 problems:/);
      expect(r.stderr).toContain(`${bad}: rules.retention: `);
      expect(r.stderr).toContain(`${bad}: horizon: expected a date after start`);
      expect(list(sub)).toEqual(['bad.yaml']);
    } finally {
      removeDir(sub);
    }
  });

  it('a bad --set: exit 2 and no folder', () => {
    const out = join(dir, 'bad-set');
    expectUserError(iesim(['run', '--set', 'customer.reachable=1.5', '--out', out]), 'customer.reachable');
    expect(existsSync(out)).toBe(false);
  });

  it('an empty --seed and a --warmup as long as the run are refused, naming the flag (not the --set behind it)', () => {
    const out = join(dir, 'bad-flags');
    const seed = iesim(['run', '--seed', '', '--out', out]);
    expectUserError(seed, '--seed: expected a whole number or a non-empty text, got ""');
    const warmup = iesim(['run', '--warmup', '400d', '--out', out]);
    expectUserError(warmup, '--warmup: expected a warm-up shorter than the run');
    expect(existsSync(out)).toBe(false);
  });

  it('a sweep with one bad variant: exit 2 and no folder', () => {
    const out = join(dir, 'bad-variant');
    expectUserError(iesim(['sweep', 'scenarios/default.yaml', '--set', 'datacenter.copyStations=10,0', '--out', out]), 'datacenter.copyStations');
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!existsSync('/dev/full'))('an output folder that cannot be made: exit 74, the folder named, no stack trace', () => {
    const r = iesim(['run', '--quiet', '--no-report', '--out', '/dev/full/out']);
    expect(r.status, r.stderr).toBe(74);
    expectNoStack(r);
    expect(r.stderr).toMatch(/^iesim: cannot create the output folder \/dev\/full\/out: EEXIST/);
  });

  it('an --out that is a file, or a folder of other things, is refused before any work (exit 74) and left as it was', () => {
    const parent = tempDir('out-guard');
    try {
      const file = join(parent, 'notes.txt');
      writeFileSync(file, 'keep me\n');
      const r = iesim(['run', '--quiet', '--no-report', '--timeline', 'off', '--out', file]);
      expect(r.status, r.stderr).toBe(74);
      expectNoStack(r);
      expect(r.stderr).toMatch(/notes\.txt is a file, not an output folder: it is left as it is/);
      expect(read(file)).toBe('keep me\n');
      const docs = join(parent, 'docs');
      mkdirSync(docs);
      writeFileSync(join(docs, 'letter.txt'), 'dear\n');
      const d = iesim(['sweep', 'scenarios/default.yaml', '--set', 'datacenter.copyStations=10,12', '-r', '1', '--quiet', '--out', docs]);
      expect(d.status, d.stderr).toBe(74);
      expect(d.stderr).toMatch(/docs holds files but no manifest\.json, so it is not an earlier iesim result/);
      expect(readdirSync(docs)).toEqual(['letter.txt']);
      // An empty folder and an earlier result (it has manifest.json) are replaced.
      const empty = join(parent, 'empty');
      mkdirSync(empty);
      expect(iesim(['run', '--quiet', '--no-report', '--timeline', 'off', '--out', empty]).status).toBe(0);
      expect(iesim(['run', '--quiet', '--no-report', '--timeline', 'off', '--seed', '2', '--out', empty]).status).toBe(0);
      expect(readJson(join(empty, 'summary.json'))).toBeTruthy();
    } finally {
      removeDir(parent);
    }
  });

  it('an earlier complete result is left as it was', () => {
    const out = join(dir, 'run-default'); // written by the first test
    const before = read(join(out, 'summary.json'));
    expectUserError(iesim(['run', join(dir, 'nope.yaml'), '--out', out]), 'no such scenario file');
    expect(read(join(out, 'summary.json'))).toBe(before);
  });
});

describe('an interrupted run', () => {
  it('leaves no half result: the final folder does not exist, at most a hidden temporary sibling', async () => {
    const parent = tempDir('interrupt');
    try {
      const out = join(parent, 'long');
      // Ten simulated years at the default rate: far more than the second or so before the kill.
      const child = spawn(process.execPath, [CLI, 'run', 'scenarios/default.yaml', '--set', 'horizon=3650d', '--quiet', '--out', out], { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      // Wait until it is writing (its temporary folder exists), then a little more.
      const tmp = `.long.tmp-${child.pid}`;
      for (let i = 0; i < 400 && !list(parent).includes(tmp); i++) await new Promise((r) => setTimeout(r, 50));
      expect(list(parent)).toContain(tmp);
      await new Promise((r) => setTimeout(r, 1000));
      expect(existsSync(out), 'the run finished before it could be interrupted').toBe(false);
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect(code === null ? signal : code).not.toBe(0);
      expect(existsSync(out)).toBe(false);
      expect(list(parent).every((f) => f === tmp), list(parent).join(', ')).toBe(true);
    } finally {
      removeDir(parent);
    }
  });
});
