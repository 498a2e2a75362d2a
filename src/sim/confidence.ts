import { studentTQuantile } from './special.js';

export interface ConfidenceInterval {
  n: number;
  mean: number;
  sd: number;
  /** Half-width of the interval: mean ± halfWidth. NaN when n < 2. */
  halfWidth: number;
  low: number;
  high: number;
  level: number;
}

/**
 * Student-t confidence interval for the mean of independent observations,
 * such as one KPI across replications: mean ± t(1−(1−level)/2, n−1)·sd/√n.
 */
export function confidenceInterval(values: readonly number[], level = 0.95): ConfidenceInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN, low: NaN, high: NaN, level };
  let mean = 0, m2 = 0;
  values.forEach((x, i) => {
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  });
  if (n < 2) return { n, mean, sd: NaN, halfWidth: NaN, low: NaN, high: NaN, level };
  const sd = Math.sqrt(m2 / (n - 1));
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth, level };
}
