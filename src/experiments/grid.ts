/**
 * Sweep grids (pure): parameters with lists of values, expanded into the
 * cartesian product of variants, in a stable order (first parameter slowest).
 * Variant 0 is the baseline of paired differences.
 */
export interface Variant {
  index: number;
  label: string;
  params: Record<string, string>;
  /** `--set` overrides that make this variant. */
  sets: string[];
}

/** Splits `a=1,2,3` into the path and its values; a value list may also be YAML: `a=[1, 2]`. */
export function parseSweepSet(text: string): { path: string; values: string[] } | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const path = text.slice(0, eq);
  const rhs = text.slice(eq + 1).trim();
  const inner = rhs.startsWith('[') && rhs.endsWith(']') ? rhs.slice(1, -1) : rhs;
  // Commas inside braces belong to a value ({dist: fixed, value: 2d}).
  const values: string[] = [];
  let depth = 0, cur = '';
  for (const ch of inner) {
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      values.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) values.push(cur.trim());
  return { path, values };
}

export function expandGrid(dimensions: { path: string; values: string[] }[]): Variant[] {
  let combos: Record<string, string>[] = [{}];
  for (const d of dimensions) combos = combos.flatMap((c) => d.values.map((v) => ({ ...c, [d.path]: v })));
  return combos.map((params, index) => ({
    index,
    params,
    label: Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ') || 'baseline',
    sets: Object.entries(params).map(([k, v]) => `${k}=${v}`),
  }));
}
