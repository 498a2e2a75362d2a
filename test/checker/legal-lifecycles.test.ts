import { describe, expect, it } from 'vitest';
import { checkTimelineText } from '../../src/checker/index.js';
import { HEADER, brief, expectClean, tl } from './helpers.js';
import { STORIES, manyStories } from './lifecycles.js';

describe('legal lifecycles check clean (no false positives)', () => {
  STORIES.forEach((story, i) => {
    it(`story ${i} (${story.name || 'anonymous'}) alone has no violations`, () => {
      const r = checkTimelineText(tl(story('J-000001', 0)));
      expectClean(r);
    });
  });

  it('all stories interleaved, one job every 3 hours, have no violations', () => {
    const rows = manyStories(STORIES.length * 4, 3);
    const r = checkTimelineText([HEADER, ...rows].join('\n'));
    expect(brief(r)).toEqual([]);
    expect(r.rows).toBe(rows.length);
  });
});
