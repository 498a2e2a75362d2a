/**
 * Text widths from the DejaVu Sans font files, for vega's headless layout.
 * Without a canvas, vega estimates every character as 0.8 em wide, about a
 * third wider than DejaVu Sans: charts get wide blank margins and labels are
 * cut short. Reading the advance widths from the TrueType tables (cmap
 * format 4, hmtx) gives the widths resvg will draw, so the SVG and PNG are
 * laid out for the text they show. Kerning is ignored (a pixel or two).
 */
import { existsSync, readFileSync } from 'node:fs';

export interface FontMetrics {
  /** Width in px of `text` at `fontSize` px. */
  width(text: string, fontSize: number): number;
}

/** Parses the advance widths of a TrueType font (BMP characters, cmap format 4). */
export function parseTrueType(buf: Buffer): FontMetrics {
  const numTables = buf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const need = (tag: string) => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font has no ${tag} table`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(need('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const advance = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = need('cmap');
  let sub = -1;
  const n = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec), encoding = buf.readUInt16BE(rec + 2);
    const off = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(off) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) {
      sub = off;
      if (platform === 3) break;
    }
  }
  if (sub < 0) throw new Error('font has no Unicode BMP cmap (format 4)');
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const endCodes = sub + 14;
  const startCodes = endCodes + 2 * segCount + 2;
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;
  const glyphOf = (c: number): number => {
    for (let s = 0; s < segCount; s++) {
      if (buf.readUInt16BE(endCodes + 2 * s) < c) continue;
      const start = buf.readUInt16BE(startCodes + 2 * s);
      if (start > c) return 0;
      const delta = buf.readInt16BE(idDeltas + 2 * s);
      const ro = buf.readUInt16BE(idRangeOffsets + 2 * s);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = buf.readUInt16BE(idRangeOffsets + 2 * s + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  const em = (c: number) => {
    let w = cache.get(c);
    if (w === undefined) {
      w = advance(glyphOf(c)) / unitsPerEm;
      cache.set(c, w);
    }
    return w;
  };
  return {
    width(text: string, fontSize: number): number {
      let w = 0;
      for (const ch of text) w += em(ch.codePointAt(0)!);
      return w * fontSize;
    },
  };
}

/** Metrics of the regular and bold faces, or null when a file is missing or unreadable. */
export function loadFontMetrics(regular: string, bold: string): { regular: FontMetrics; bold: FontMetrics } | null {
  if (!existsSync(regular) || !existsSync(bold)) return null;
  try {
    return { regular: parseTrueType(readFileSync(regular)), bold: parseTrueType(readFileSync(bold)) };
  } catch {
    return null;
  }
}
