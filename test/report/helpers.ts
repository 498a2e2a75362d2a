/** Test helpers for the report: spec walking, a small PNG decoder, pixel statistics. */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** Every object in a JSON-like tree (depth first). */
export function* walk(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const x of node) yield* walk(x);
  } else if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const v of Object.values(node)) yield* walk(v);
  }
}

/**
 * Positional channels that draw an axis but have no title. A channel with a
 * field and an axis that is not null must carry a non-empty title.
 */
export function untitledAxes(spec: unknown): string[] {
  const missing: string[] = [];
  for (const o of walk(spec)) {
    const enc = o.encoding as Record<string, Record<string, unknown>> | undefined;
    if (!enc || typeof enc !== 'object') continue;
    for (const ch of ['x', 'y']) {
      const c = enc[ch];
      if (!c || typeof c !== 'object' || !('field' in c) || c.axis === null) continue;
      if (typeof c.title !== 'string' || c.title.trim() === '') missing.push(`${ch}:${String(c.field)}`);
    }
  }
  return missing;
}

/** The chart title text of a top-level spec. */
export function titleOf(spec: unknown): string {
  const t = (spec as { title?: unknown }).title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object') return String((t as { text?: unknown }).text ?? '');
  return '';
}

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel. */
  rgba: Uint8Array;
}

/** Decodes an 8-bit RGB or RGBA non-interlaced PNG (what resvg writes). */
export function decodePng(buf: Buffer): DecodedPng {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!sig.every((b, i) => buf[i] === b)) throw new Error('not a PNG');
  let pos = 8;
  let width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * bpp];
      out[o + 1] = cur[x * bpp + 1];
      out[o + 2] = cur[x * bpp + 2];
      out[o + 3] = bpp === 4 ? cur[x * bpp + 3] : 255;
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

export function decodePngFile(path: string): DecodedPng {
  return decodePng(readFileSync(path));
}

/** Luminance statistics of an RGBA image composited on white. */
export function pixelStats(img: { rgba: Uint8Array }): { variance: number; darkShare: number; distinct: number } {
  let n = 0, sum = 0, sum2 = 0, dark = 0;
  const seen = new Set<number>();
  for (let i = 0; i < img.rgba.length; i += 4) {
    const a = img.rgba[i + 3] / 255;
    const r = img.rgba[i] * a + 255 * (1 - a), g = img.rgba[i + 1] * a + 255 * (1 - a), b = img.rgba[i + 2] * a + 255 * (1 - a);
    const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    n++;
    sum += l;
    sum2 += l * l;
    if (l < 100) dark++;
    if (seen.size < 5000) seen.add(((r | 0) << 16) | ((g | 0) << 8) | (b | 0));
  }
  const mean = sum / n;
  return { variance: sum2 / n - mean * mean, darkShare: dark / n, distinct: seen.size };
}
