/** Quantities with units in scenario files: durations ("14d", "36h", "1.5d") and sizes ("2TB"). */
import { DAY, HOUR, MINUTE, SECOND, WEEK } from '../sim/time.js';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK };
const BYTE_UNITS: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40,
};

/** "14d" → ms. Returns undefined for anything that is not a number with a duration unit. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)\s*$/.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2]]);
}

export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB)\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * BYTE_UNITS[m[2]];
}

/** ms → the shortest exact text ("14d", "36h", "90m", "1500ms"), for canonical scenarios and messages. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['w', WEEK], ['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND]] as const) {
    if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  if (ms === 0) return '0d';
  const days = ms / DAY;
  return Number.isInteger(ms) && days < 1 ? `${ms}ms` : `${+days.toFixed(6)}d`;
}

export const DURATION_HINT = 'a duration such as 14d, 36h, 90m, 1.5d or 500ms';
export const BYTES_HINT = 'a size such as 2TB, 500GB or a number of bytes';
