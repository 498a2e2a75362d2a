/**
 * Statistics across replications (pure): every numeric leaf of the run
 * summaries becomes {mean, sd, halfWidth, n} (Student-t 95%), and sweeps get
 * per-variant means with paired differences against the baseline variant
 * (common random numbers make the pairs share their randomness, so the
 * difference is much sharper than two separate intervals).
 */
import { confidenceInterval } from '../sim/confidence.js';
import type { RunSummary } from '../model/summary.js';
import { HEADLINE_KPIS } from './headline.js';

export interface Estimate {
  mean: number;
  sd: number;
  halfWidth: number;
  n: number;
}

export function estimate(values: number[]): Estimate {
  const finite = values.filter(Number.isFinite);
  const ci = confidenceInterval(finite);
  return { mean: ci.mean, sd: ci.sd, halfWidth: ci.halfWidth, n: ci.n };
}

/** The summaries of R replications folded into one: numbers become estimates, other leaves come from the first. */
export function aggregateSummaries(summaries: RunSummary[]): Record<string, unknown> {
  const fold = (nodes: unknown[]): unknown => {
    const first = nodes[0];
    if (typeof first === 'number') return estimate(nodes as number[]);
    if (first && typeof first === 'object' && !Array.isArray(first)) {
      return Object.fromEntries(Object.keys(first).map((k) => [k, fold(nodes.map((n) => (n as Record<string, unknown>)[k]))]));
    }
    return first;
  };
  const folded = fold(summaries) as Record<string, unknown>;
  return {
    ...folded,
    replication: undefined,
    // The seed is an input, the same in every replication: not a statistic.
    seed: summaries[0]?.seed,
    replications: summaries.length,
    headline: Object.fromEntries(HEADLINE_KPIS.map((k) => [k.key, estimate(summaries.map(k.get))])),
  };
}

/** The headline KPIs whose 95% half-width is above `target` × |mean| (KPIs constant at 0 count as precise). */
export function impreciseKpis(summaries: RunSummary[], target: number): string[] {
  if (summaries.length < 2) return HEADLINE_KPIS.map((k) => k.key);
  return HEADLINE_KPIS.filter((k) => {
    const e = estimate(summaries.map(k.get));
    if (e.n < 2) return e.n > 0; // too few finite values to judge; none at all means the KPI does not apply
    if (e.sd === 0) return false;
    return !(e.halfWidth <= target * Math.abs(e.mean));
  }).map((k) => k.key);
}

export interface RunRecord {
  variant: number;
  replication: number;
  values: Record<string, number>;
}

export interface SweepRow {
  variant: number;
  label: string;
  params: Record<string, string>;
  kpi: string;
  mean: number;
  sd: number;
  halfWidth: number;
  n: number;
  diff: number;
  diffHalfWidth: number;
}

/** Per variant and KPI: mean and CI, and the paired difference against variant 0 (same replication indexes). */
export function aggregateSweep(records: RunRecord[], variants: { label: string; params: Record<string, string> }[]): SweepRow[] {
  const rows: SweepRow[] = [];
  const byVariant = variants.map((_, v) => records.filter((r) => r.variant === v).sort((a, b) => a.replication - b.replication));
  for (let v = 0; v < variants.length; v++) {
    for (const k of HEADLINE_KPIS) {
      const own = byVariant[v].map((r) => r.values[k.key]);
      const e = estimate(own);
      const base = new Map(byVariant[0].map((r) => [r.replication, r.values[k.key]]));
      const diffs = byVariant[v].filter((r) => base.has(r.replication)).map((r) => r.values[k.key] - base.get(r.replication)!);
      const d = estimate(diffs);
      rows.push({ variant: v, label: variants[v].label, params: variants[v].params, kpi: k.key, ...e, diff: d.mean, diffHalfWidth: d.halfWidth });
    }
  }
  return rows;
}

export function kpiValues(s: RunSummary): Record<string, number> {
  return Object.fromEntries(HEADLINE_KPIS.map((k) => [k.key, k.get(s)]));
}
