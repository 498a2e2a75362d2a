/**
 * Field builders for the scenario schema: each carries its default, unit and
 * doc, so the schema stays the one place that defines a parameter.
 */
import { z } from 'zod';
import { DISTRIBUTION_KINDS, DistributionError, makeDistribution, validateDistribution, type DistributionSpec } from '../sim/distributions.js';
import { BYTES_HINT, DURATION_HINT, parseBytes, parseDuration } from './units.js';
// isInstant refuses 2026-02-30, which Date.parse would roll into March.
import { isInstant } from '../sim/time.js';

/** A duration such as "14d", parsed to ms. `min` is the smallest allowed value in ms. */
export function duration(def: string, description: string, min = 1) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? undefined : `expected ${DURATION_HINT}`) })
    .transform((s, ctx) => {
      const ms = parseDuration(s);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected ${DURATION_HINT}, got "${s}"` });
        return z.NEVER;
      }
      if (ms < min) {
        ctx.addIssue({ code: 'custom', message: min === 1 ? `expected a duration > 0, got "${s}"` : `expected at least ${min} ms, got "${s}"` });
        return z.NEVER;
      }
      return ms;
    })
    .prefault(def)
    .meta({ description, unit: 'duration' });
}

export function probability(def: number, description: string) {
  return z.number().min(0).max(1).default(def).meta({ description, unit: 'probability' });
}

export function count(def: number, description: string, min = 0) {
  return z.number().int().min(min).default(def).meta({ description });
}

export function positive(def: number, description: string, unit?: string) {
  return z.number().positive().default(def).meta({ description, ...(unit ? { unit } : {}) });
}

/** Which parameter values of a distribution carry the quantity's unit (the others are pure numbers). */
const UNIT_KEYS = new Set(['value', 'min', 'max', 'mean', 'sd', 'median', 'p90', 'mode', 'scale', 'samples', 'values']);

type Unit = 'duration' | 'bytes' | 'number' | 'days';

const unitParsers: Record<Unit, { parse: (s: string) => number | undefined; hint: string }> = {
  duration: { parse: parseDuration, hint: DURATION_HINT },
  bytes: { parse: parseBytes, hint: BYTES_HINT },
  number: { parse: () => undefined, hint: 'a number' },
  days: { parse: () => undefined, hint: 'a number of (business) days' },
};

const distValue = z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))]);

/**
 * A distribution such as `{dist: lognormal, median: 3d, p90: 7d}`. Duration
 * and size values are converted (ms, bytes); every problem is reported with
 * its field path. `nonNegative` rejects distributions that can draw below 0
 * (a duration cannot be negative: use normal with min: 0d).
 */
export function distribution(unit: Unit, def: Record<string, unknown>, description: string, nonNegative = true, positive = false) {
  return z
    .object({ dist: z.enum(DISTRIBUTION_KINDS as [string, ...string[]]) })
    .catchall(distValue)
    .transform((raw, ctx) => {
      const parser = unitParsers[unit];
      const spec: Record<string, unknown> = { dist: raw.dist };
      let ok = true;
      // Converted value → what the user wrote, so messages speak in the file's units ("7d", not 604800000).
      const written = new Map<string, string>();
      const inUnits = (problem: string) => problem.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, (n) => written.get(n) ?? n);
      const convert = (key: string, v: unknown, path: (string | number)[]): unknown => {
        if (typeof v !== 'string') return v;
        if (!UNIT_KEYS.has(key)) {
          ctx.addIssue({ code: 'custom', path, message: `expected a number, got "${v}"` });
          ok = false;
          return v;
        }
        const n = parser.parse(v);
        if (n === undefined) {
          ctx.addIssue({ code: 'custom', path, message: `expected ${parser.hint}, got "${v}"` });
          ok = false;
        } else written.set(String(n), v);
        return n;
      };
      for (const [k, v] of Object.entries(raw)) {
        if (k === 'dist') continue;
        spec[k] = Array.isArray(v) ? v.map((x, i) => convert(k, x, [k, i])) : convert(k, v, [k]);
      }
      if (!ok) return z.NEVER;
      for (const problem of validateDistribution(spec)) {
        ctx.addIssue(issueOf(inUnits(problem)));
        ok = false;
      }
      if (ok) {
        // Some specs pass the field checks yet cannot be sampled (a normal
        // truncated far above its mean): compile it now, not mid-run.
        try {
          const compiled = makeDistribution(spec as DistributionSpec);
          // Parameters so extreme that draws overflow (a weibull with shape 0.001) are no delay or size at all.
          if (!Number.isFinite(compiled.mean)) {
            ctx.addIssue({ code: 'custom', path: [], message: 'parameters too extreme: the mean of this distribution is not a finite number' });
            return z.NEVER;
          }
        } catch (err) {
          if (!(err instanceof DistributionError)) throw err;
          for (const problem of err.problems) {
            ctx.addIssue(issueOf(problem));
          }
          return z.NEVER;
        }
      }
      if (ok && positive && canBeZero(spec as DistributionSpec)) {
        // A rate of 0 (a copy at 0 bytes/s) never ends: the model cannot schedule it.
        ctx.addIssue({ code: 'custom', path: [], message: 'can draw 0 or less; this quantity must be > 0 (e.g. a uniform or normal with min > 0)' });
        return z.NEVER;
      }
      if (ok && nonNegative && canBeNegative(spec as DistributionSpec)) {
        ctx.addIssue({ code: 'custom', path: [], message: `can draw values below 0; ${unit === 'duration' ? 'a duration' : 'this quantity'} must be >= 0 (use min: 0 for a normal)` });
        return z.NEVER;
      }
      return ok ? (spec as DistributionSpec) : z.NEVER;
    })
    .prefault(def as any)
    .meta({ description, unit });
}

/**
 * A kernel problem ("p90: expected > median …") as an issue at its
 * parameter, present or missing (a lognormal without p90 names p90).
 */
function issueOf(problem: string): { code: 'custom'; path: string[]; message: string } {
  const colon = problem.indexOf(': ');
  const field = colon > 0 ? problem.slice(0, colon) : '';
  return /^[A-Za-z0-9]+$/.test(field)
    ? { code: 'custom', path: [field], message: problem.slice(colon + 2) }
    : { code: 'custom', path: [], message: problem };
}

function canBeNegative(s: DistributionSpec): boolean {
  switch (s.dist) {
    case 'fixed': return s.value < 0;
    case 'uniform': case 'triangular': return s.min < 0;
    case 'normal': return s.min === undefined || s.min < 0;
    case 'discrete': return s.values.some((v) => v < 0);
    case 'empirical': return s.samples.some((v) => v < 0);
    default: return false;
  }
}

function canBeZero(s: DistributionSpec): boolean {
  switch (s.dist) {
    case 'fixed': return s.value <= 0;
    case 'uniform': case 'triangular': return s.min <= 0;
    case 'normal': return s.min === undefined || s.min <= 0;
    case 'bernoulli': return true;
    case 'discrete': return s.values.some((v) => v <= 0);
    case 'empirical': return s.samples.some((v) => v <= 0);
    default: return false;
  }
}

/** A work calendar: weekdays, hours and holidays (UTC). */
export function calendar(def: { days: number[]; hours: [number, number]; holidays?: string[] }, description: string) {
  return z
    .object({
      days: z.array(z.number().int().min(0).max(6)).min(1).meta({ description: 'working weekdays, 0 = Sunday … 6 = Saturday' }),
      hours: z.tuple([z.number().min(0).max(24), z.number().min(0).max(24)]).meta({ description: '[open, close] hours in UTC' }),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').refine(isInstant, 'expected a date YYYY-MM-DD that its month has')).default([]).meta({ description: 'dates nobody works' }),
    })
    .strict()
    .superRefine((c, ctx) => {
      if (!(c.hours[0] < c.hours[1])) ctx.addIssue({ code: 'custom', path: ['hours'], message: `expected [open, close] with open < close, got [${c.hours.join(', ')}]` });
    })
    .prefault(def)
    .meta({ description });
}
