import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { scenarioJsonSchema } from '../../src/scenarios/json-schema.js';
import { loadScenario } from '../../src/scenarios/read.js';

// What an editor does with `iesim schema`: validate a file as written (before extends is resolved).
const ajv = new Ajv2020({ allErrors: true });
ajv.addKeyword('unit');
const validate = ajv.compile(scenarioJsonSchema());
// Ajv also reports that the `else` branch failed, beside what failed in it: the branch itself is no news.
const problems = (doc: unknown): string[] =>
  validate(doc) ? [] : (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => `${e.instancePath} ${e.message}`);

const SCENARIOS = resolve('scenarios');

describe('iesim schema, as an editor reads it', () => {
  it('passes every shipped scenario file, variants (extends) included', () => {
    for (const f of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
      expect(problems(parse(readFileSync(join(SCENARIOS, f), 'utf8'))), f).toEqual([]);
    }
  });

  it('a variant may give part of a calendar or of a distribution, as the loader merges it with the file it extends', () => {
    const variant = {
      extends: join(SCENARIOS, 'default.yaml'),
      datacenter: { dockCalendar: { hours: [6, 20] } },
      customer: { shipDelay: { median: '2d' } },
    };
    expect(problems(variant)).toEqual([]);
    // The loader agrees: the merged scenario is complete.
    const dir = mkdtempSync(join(tmpdir(), 'iesim-schema-'));
    const file = join(dir, 'variant.json');
    writeFileSync(file, JSON.stringify(variant));
    const s = loadScenario(file).scenario;
    expect(s.datacenter.dockCalendar.hours).toEqual([6, 20]);
    expect(s.datacenter.dockCalendar.days.length).toBeGreaterThan(0);
  });

  it('a file without extends must give whole calendars and distributions', () => {
    expect(problems({ datacenter: { dockCalendar: { hours: [6, 20] } } })).toEqual([
      "/datacenter/dockCalendar must have required property 'days'",
    ]);
    expect(problems({ customer: { shipDelay: { median: '2d' } } })).toEqual([
      "/customer/shipDelay must have required property 'dist'",
    ]);
  });

  it('lists are replaced, not merged: a variant\'s peaks still need from, to and multiplier', () => {
    const e = problems({ extends: 'default.yaml', arrivals: { peaks: [{ from: '2026-11-01', multiplier: 2 }] } });
    expect(e).toEqual(["/arrivals/peaks/0 must have required property 'to'"]);
  });

  it('still refuses unknown fields and wrong types in a variant', () => {
    expect(problems({ extends: 'default.yaml', datacenter: { copyStatons: 3 } }).join('\n')).toMatch(/additional properties/);
    expect(problems({ extends: 'default.yaml', datacenter: { copyStations: 'many' } }).join('\n')).toMatch(/copyStations must be/);
  });
});
