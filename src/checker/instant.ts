/**
 * Fast parsing of the timeline's `time` column. Timelines hold millions of
 * instants in one canonical shape (`2026-03-01T08:00:00.000Z`), most of them
 * on a day already seen: the canonical shape is parsed by hand with the day's
 * epoch cached; anything else goes through src/sim/time.ts's strict ISO
 * parser (so `2026-03-01T08:00Z` is accepted, `March 1` is not).
 */
import { HOUR, MINUTE, SECOND, parseInstant } from '../sim/time.js';

export class InstantParser {
  private lastText = '';
  private lastMs = NaN;
  private dayKey = -1;
  private dayMs = NaN;
  /** readBytes's result (a number field, stored in place: a double returned from a call V8 does not inline is a new HeapNumber). */
  ms = NaN;

  /** Epoch ms of an ISO 8601 instant, or NaN when the text is not one. */
  parse(text: string): number {
    if (text === this.lastText) return this.lastMs;
    let ms = this.canonical(text);
    if (Number.isNaN(ms)) {
      // Canonical shape with impossible values stays invalid; other ISO shapes go to the strict parser
      // (which refuses a day its month lacks: the simulator's own reading of a time).
      if (text.length === 24 && text.charCodeAt(23) === 90 && text.charCodeAt(10) === 84) return NaN;
      try {
        ms = parseInstant(text);
      } catch {
        return NaN;
      }
    }
    this.lastText = text;
    this.lastMs = ms;
    return ms;
  }

  /**
   * The canonical shape read from the 24 bytes at `at` of a file's buffer
   * (no string made); NaN for anything else, which the caller then decodes
   * and gives to parse.
   */
  parseBytes(b: Uint8Array, at: number): number {
    this.readBytes(b, at);
    return this.ms;
  }

  /** parseBytes, its result left in `ms` (NaN: not the canonical shape, or an impossible value). */
  readBytes(b: Uint8Array, at: number): void {
    if (b[at + 4] !== 45 || b[at + 7] !== 45 || b[at + 10] !== 84 || b[at + 13] !== 58 || b[at + 16] !== 58 ||
      b[at + 19] !== 46 || b[at + 23] !== 90) {
      this.ms = NaN;
      return;
    }
    const y = byteDigits(b, at, 4), mo = byteDigits(b, at + 5, 2), d = byteDigits(b, at + 8, 2);
    const h = byteDigits(b, at + 11, 2), mi = byteDigits(b, at + 14, 2), sec = byteDigits(b, at + 17, 2), ms = byteDigits(b, at + 20, 3);
    this.compose(y, mo, d, h, mi, sec, ms);
  }

  /** `YYYY-MM-DDTHH:mm:ss.sssZ` by hand; NaN for any other shape or an impossible value. */
  private canonical(s: string): number {
    if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 ||
      s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return NaN;
    const y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    const h = digits(s, 11, 2), mi = digits(s, 14, 2), sec = digits(s, 17, 2), ms = digits(s, 20, 3);
    this.compose(y, mo, d, h, mi, sec, ms);
    return this.ms;
  }

  /**
   * Sets `ms` to the epoch ms of checked-digit fields (-1: not digits), with
   * the day's epoch cached; NaN for an impossible value. (It returns nothing:
   * a double returned from a call V8 does not inline is a new HeapNumber.)
   */
  private compose(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number): void {
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0 ||
      ((y * 100 + mo) * 100 + d !== this.dayKey && !this.newDay(y, mo, d))) {
      this.ms = NaN;
      return;
    }
    this.ms = this.dayMs + h * HOUR + mi * MINUTE + sec * SECOND + ms;
  }

  /** Caches the epoch of day y-mo-d; false if there is no such day. */
  private newDay(y: number, mo: number, d: number): boolean {
    // setUTCFullYear, not Date.UTC: that reads years 0–99 as 1900–1999 (and parseInstant takes 0050 as 50).
    const day = new Date(0);
    const dayMs = day.setUTCFullYear(y, mo - 1, d);
    // It rolls 2026-02-30 over to March: refuse dates that do not exist.
    if (day.getUTCDate() !== d) return false;
    this.dayKey = (y * 100 + mo) * 100 + d;
    this.dayMs = dayMs;
    return true;
  }
}

/** The value of `len` decimal digits (bytes) at `at`, or -1 if any is not a digit. */
function byteDigits(b: Uint8Array, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The value of `len` decimal digits at `at`, or -1 if any is not a digit. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
