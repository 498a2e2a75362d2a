/**
 * Every rule ID of the spec has at least one test whose timeline violates it
 * (named `R-…: … flagged`) and one whose timeline obeys it (`R-…: … pass…`).
 * Read from the test files' own names, so a rule added to RULE_IDS without
 * tests fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/spec/rules.js';

const folder = join(process.cwd(), 'test/checker');
const names = readdirSync(folder)
  .filter((f) => f.endsWith('.test.ts'))
  .flatMap((f) => [...readFileSync(join(folder, f), 'utf8').matchAll(/\bit\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));

describe('every rule ID has a violating and an obeying test', () => {
  for (const rule of RULE_IDS) {
    it(`${rule} has both`, () => {
      const own = names.filter((n) => n.startsWith(`${rule}: `));
      expect(own.filter((n) => /\bflagged\b/.test(n)), `no "${rule}: … flagged" test`).not.toEqual([]);
      expect(own.filter((n) => /\bpass(es)?\b/.test(n)), `no "${rule}: … passes" test`).not.toEqual([]);
    });
  }
});
