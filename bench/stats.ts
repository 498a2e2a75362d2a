/**
 * The little statistics the bench needs to read runs on a noisy host: the
 * median of a few runs, and whether one build beat another in more
 * alternated pairs than chance would give.
 */

/** The median (the mean of the two middle values of an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The run with the median time (of an odd count; the lower middle of an even one): all its figures agree with each other. */
export function medianRun<R extends { readonly seconds?: number | string }>(runs: readonly R[]): R {
  if (runs.length === 0) throw new RangeError('medianRun: no runs');
  const sorted = [...runs].sort((a, b) => Number(a.seconds) - Number(b.seconds));
  return sorted[(sorted.length - 1) >> 1];
}

/**
 * Two-sided sign test: the chance of a split at least as uneven as `wins` of
 * `pairs` if either build were as likely to win each pair (ties are not
 * pairs: leave them out). 1 when pairs is 0.
 */
export function signTest(wins: number, pairs: number): number {
  if (!(Number.isInteger(wins) && Number.isInteger(pairs) && wins >= 0 && wins <= pairs)) {
    throw new RangeError(`signTest: need whole numbers 0 <= wins <= pairs, got ${wins} of ${pairs}`);
  }
  const k = Math.min(wins, pairs - wins);
  // P(X <= k) for X ~ Binomial(pairs, 1/2), summed term by term (pairs is small).
  let term = 0.5 ** pairs, tail = 0;
  for (let i = 0; i <= k; i++) {
    tail += term;
    term = (term * (pairs - i)) / (i + 1);
  }
  return Math.min(1, 2 * tail);
}
