import type { Rng } from './random.js';
import { logGamma, normalCdf, normalPdf } from './special.js';

/**
 * Probability distributions as plain data (so scenario files can hold them)
 * and compiled samplers. The kernel is unitless: the scenario layer turns
 * "3d" into milliseconds before a spec reaches here.
 */
export type DistributionSpec =
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'normal'; mean: number; sd: number; min?: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'lognormal'; median: number; p90: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | { dist: 'gamma'; shape: number; scale: number }
  | { dist: 'erlang'; k: number; mean: number }
  | { dist: 'weibull'; shape: number; scale: number }
  | { dist: 'bernoulli'; p: number }
  | { dist: 'discrete'; values: number[]; weights: number[] }
  | { dist: 'empirical'; samples: number[] };

export type DistributionKind = DistributionSpec['dist'];

export interface Distribution {
  readonly spec: DistributionSpec;
  /** Theoretical mean and variance (NaN where undefined). */
  readonly mean: number;
  readonly variance: number;
  sample(rng: Rng): number;
}

/** Raised for an invalid spec; `problems` lists every problem found. */
export class DistributionError extends Error {
  constructor(readonly problems: string[], where = 'distribution') {
    super(`${where}: ${problems.join('; ')}`);
    this.name = 'DistributionError';
  }
}

const Z90 = 1.2815515655446004; // standard normal 90th percentile

/** The parameters each kind accepts (for unknown-key errors) and how to describe them. */
const KINDS: Record<DistributionKind, { keys: string[]; expects: string }> = {
  fixed: { keys: ['value'], expects: 'value' },
  uniform: { keys: ['min', 'max'], expects: 'min, max' },
  exponential: { keys: ['mean'], expects: 'mean' },
  normal: { keys: ['mean', 'sd', 'min'], expects: 'mean, sd, optional min (truncation)' },
  lognormal: { keys: ['mean', 'sd', 'median', 'p90'], expects: 'mean and sd, or median and p90' },
  triangular: { keys: ['min', 'mode', 'max'], expects: 'min, mode, max' },
  gamma: { keys: ['shape', 'scale'], expects: 'shape, scale' },
  erlang: { keys: ['k', 'mean'], expects: 'k, mean' },
  weibull: { keys: ['shape', 'scale'], expects: 'shape, scale' },
  bernoulli: { keys: ['p'], expects: 'p' },
  discrete: { keys: ['values', 'weights'], expects: 'values, weights' },
  empirical: { keys: ['samples'], expects: 'samples' },
};

export const DISTRIBUTION_KINDS = Object.keys(KINDS) as DistributionKind[];

/** Every problem with a spec, as "field: expected …, got …" strings; empty when valid. */
export function validateDistribution(spec: unknown): string[] {
  if (typeof spec !== 'object' || spec === null) return [`expected an object such as {dist: exponential, mean: 2}, got ${show(spec)}`];
  const s = spec as Record<string, unknown>;
  if (!(typeof s.dist === 'string' && s.dist in KINDS)) {
    return [`dist: expected one of ${DISTRIBUTION_KINDS.join(', ')}, got ${show(s.dist)}`];
  }
  const errs: string[] = [];
  const num = (k: string, cond: (v: number) => boolean, what: string): number => {
    const v = s[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) errs.push(`${k}: expected a finite number ${what}, got ${show(v)}`);
    else if (!cond(v)) errs.push(`${k}: expected a number ${what}, got ${v}`);
    return v as number;
  };
  const any = () => true, pos = (v: number) => v > 0, nonneg = (v: number) => v >= 0;
  switch (s.dist as DistributionKind) {
    case 'fixed': num('value', any, ''); break;
    case 'uniform': {
      const a = num('min', any, ''), b = num('max', any, '');
      if (errs.length === 0 && !(b >= a)) errs.push(`max: expected >= min (${a}), got ${b}`);
      break;
    }
    case 'exponential': num('mean', pos, '> 0'); break;
    case 'normal':
      num('mean', any, ''); num('sd', nonneg, '>= 0');
      if (s.min !== undefined) num('min', any, '');
      if (errs.length === 0 && s.min !== undefined && (s.sd as number) === 0 && (s.mean as number) < (s.min as number)) {
        errs.push(`min: a normal with sd 0 and mean ${s.mean} never reaches min ${s.min}`);
      }
      break;
    case 'lognormal':
      if ('median' in s || 'p90' in s) {
        const m = num('median', pos, '> 0'), p = num('p90', pos, '> 0');
        if (errs.length === 0 && !(p > m)) errs.push(`p90: expected > median (${m}), got ${p}`);
      } else {
        num('mean', pos, '> 0'); num('sd', pos, '> 0');
      }
      break;
    case 'triangular': {
      const a = num('min', any, ''), c = num('mode', any, ''), b = num('max', any, '');
      if (errs.length === 0 && !(a <= c && c <= b && a < b)) errs.push(`mode: expected min <= mode <= max with min < max, got ${a}, ${c}, ${b}`);
      break;
    }
    case 'gamma': num('shape', pos, '> 0'); num('scale', pos, '> 0'); break;
    case 'erlang': num('k', (v) => Number.isInteger(v) && v >= 1, 'that is a whole number >= 1'); num('mean', pos, '> 0'); break;
    case 'weibull': num('shape', pos, '> 0'); num('scale', pos, '> 0'); break;
    case 'bernoulli': num('p', (v) => v >= 0 && v <= 1, 'in [0, 1]'); break;
    case 'discrete': {
      const v = s.values, w = s.weights;
      if (!isNumArray(v) || v.length === 0) errs.push(`values: expected a non-empty list of numbers, got ${show(v)}`);
      if (!isNumArray(w) || w.some((x) => x < 0) || w.reduce((a, b) => a + b, 0) <= 0) {
        errs.push(`weights: expected a list of numbers >= 0 with a positive sum, got ${show(w)}`);
      } else if (isNumArray(v) && v.length !== w.length) errs.push(`weights: expected ${v.length} weights (one per value), got ${w.length}`);
      break;
    }
    case 'empirical':
      if (!isNumArray(s.samples) || s.samples.length === 0) errs.push(`samples: expected a non-empty list of numbers, got ${show(s.samples)}`);
      break;
  }
  const kind = KINDS[s.dist as DistributionKind];
  for (const k of Object.keys(s)) if (k !== 'dist' && !kind.keys.includes(k)) errs.push(`${k}: not a parameter of ${s.dist} (expected ${kind.expects})`);
  return errs;
}

/** Compiles a spec into a sampler; throws DistributionError listing every problem. */
export function makeDistribution(spec: DistributionSpec, where?: string): Distribution {
  const problems = validateDistribution(spec);
  if (problems.length > 0) throw new DistributionError(problems, where);
  const s = spec as any;
  switch (spec.dist) {
    case 'fixed': return make(spec, s.value, 0, () => s.value);
    case 'uniform': {
      const a = s.min, w = s.max - s.min;
      return make(spec, a + w / 2, (w * w) / 12, (r) => a + w * r.next());
    }
    case 'exponential': {
      const m = s.mean;
      return make(spec, m, m * m, (r) => -m * Math.log(1 - r.next()));
    }
    case 'normal': return makeNormal(spec, s.mean, s.sd, s.min);
    case 'lognormal': {
      let mu: number, sigma: number;
      if ('median' in s) {
        mu = Math.log(s.median);
        sigma = (Math.log(s.p90) - mu) / Z90;
      } else {
        sigma = Math.sqrt(Math.log(1 + (s.sd * s.sd) / (s.mean * s.mean)));
        mu = Math.log(s.mean) - (sigma * sigma) / 2;
      }
      const mean = Math.exp(mu + (sigma * sigma) / 2);
      return make(spec, mean, (Math.exp(sigma * sigma) - 1) * mean * mean, (r) => Math.exp(mu + sigma * gaussian(r)));
    }
    case 'triangular': {
      const a = s.min, c = s.mode, b = s.max, fc = (c - a) / (b - a);
      return make(spec, (a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18, (r) => {
        const u = r.next();
        return u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
      });
    }
    case 'gamma': return makeGamma(spec, s.shape, s.scale);
    case 'erlang': return makeGamma(spec, s.k, s.mean / s.k);
    case 'weibull': {
      const k = s.shape, l = s.scale;
      const g1 = Math.exp(logGamma(1 + 1 / k)), g2 = Math.exp(logGamma(1 + 2 / k));
      return make(spec, l * g1, l * l * (g2 - g1 * g1), (r) => l * Math.pow(-Math.log(1 - r.next()), 1 / k));
    }
    case 'bernoulli': {
      const p = s.p;
      return make(spec, p, p * (1 - p), (r) => (r.next() < p ? 1 : 0));
    }
    case 'discrete': return makeDiscrete(spec, s.values, s.weights);
    case 'empirical': {
      const xs: number[] = s.samples, n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
      return make(spec, mean, variance, (r) => xs[Math.floor(r.next() * n)]);
    }
  }
}

function make(spec: DistributionSpec, mean: number, variance: number, sample: (r: Rng) => number): Distribution {
  return { spec, mean, variance, sample };
}

/** A standard normal draw (Box–Muller, no cached pair: each draw costs two uniforms, keeping streams easy to reason about). */
export function gaussian(r: Rng): number {
  const u = 1 - r.next(); // (0, 1]: log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

function makeNormal(spec: DistributionSpec, mu: number, sd: number, min: number | undefined): Distribution {
  if (min === undefined || sd === 0) {
    const m = min === undefined ? mu : Math.max(mu, min);
    return make(spec, m, min === undefined ? sd * sd : 0, (r) => Math.max(mu + sd * gaussian(r), min ?? -Infinity));
  }
  // Truncated below at min by rejection: a duration cannot be negative, and
  // clamping would pile probability on the bound.
  const a = (min - mu) / sd;
  const tail = 1 - normalCdf(a);
  if (tail < 1e-6) throw new DistributionError([`min: almost no probability above ${min} for mean ${mu}, sd ${sd}`]);
  const lambda = normalPdf(a) / tail;
  const mean = mu + sd * lambda;
  const variance = sd * sd * (1 + a * lambda - lambda * lambda);
  return make(spec, mean, variance, (r) => {
    for (;;) {
      const x = mu + sd * gaussian(r);
      if (x >= min) return x;
    }
  });
}

function makeGamma(spec: DistributionSpec, shape: number, scale: number): Distribution {
  // Marsaglia & Tsang (2000); for shape < 1 boost by one and scale by U^(1/shape).
  const boost = shape < 1;
  const k = boost ? shape + 1 : shape;
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  return make(spec, shape * scale, shape * scale * scale, (r) => {
    let v: number;
    for (;;) {
      const x = gaussian(r);
      v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = 1 - r.next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) break;
    }
    const g = d * v;
    return scale * (boost ? g * Math.pow(1 - r.next(), 1 / shape) : g);
  });
}

function makeDiscrete(spec: DistributionSpec, values: number[], weights: number[]): Distribution {
  const total = weights.reduce((a, b) => a + b, 0);
  const cum = new Float64Array(values.length);
  let acc = 0;
  for (let i = 0; i < values.length; i++) cum[i] = acc += weights[i] / total;
  cum[values.length - 1] = 1;
  const mean = values.reduce((a, v, i) => a + (v * weights[i]) / total, 0);
  const variance = values.reduce((a, v, i) => a + ((v - mean) ** 2 * weights[i]) / total, 0);
  return make(spec, mean, variance, (r) => {
    const u = r.next();
    let lo = 0, hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  });
}

function isNumArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
