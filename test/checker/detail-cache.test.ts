/**
 * DetailCache (detail-cache.ts): a row's detail is parsed once per distinct
 * text and shared, answering exactly as parseDetail does, with memory bounded
 * whatever the details.
 */
import { describe, expect, it } from 'vitest';
import { DetailCache } from '../../src/checker/detail-cache.js';
import { parseDetail } from '../../src/spec/timeline.js';

describe('DetailCache', () => {
  it('answers as parseDetail, the same map for the same text', () => {
    const cache = new DetailCache();
    const texts = ['', 'type=import;drives=3', 'a=1;a=2', 'x', '=y;z=', 'missing=ReturnAddress,DeliveryPackage', ';;k=v;'];
    for (const t of texts) {
      const m = cache.get(t);
      expect([...m]).toEqual([...parseDetail(t)]);
      expect(cache.get(`${t}`)).toBe(m);
    }
  });

  it('stays bounded when every detail is new', () => {
    const cache = new DetailCache();
    for (let i = 0; i < 10_000; i++) {
      const t = `until=2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`;
      expect(cache.get(t).get('until')).toBe(t.slice(6));
      expect(cache.size).toBeLessThanOrEqual(256);
    }
  });
});
