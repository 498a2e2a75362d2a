/**
 * Streaming: a 300k-row timeline of complete, legal lifecycles (every story,
 * one job an hour) checks clean while the checker's live state stays
 * proportional to the jobs open at once, not to the rows, and drops to zero
 * when every job has been deleted.
 */
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, TimelineChecker } from '../../src/checker/index.js';
import { HEADER } from './helpers.js';
import { STORIES, manyStories } from './lifecycles.js';
import { toRowForTest } from './row-helper.js';

describe('streaming check of a large legal timeline', () => {
  it('300k rows check clean with bounded live state', () => {
    const jobs = 17_500;
    const rows = manyStories(jobs, 1);
    expect(rows.length).toBeGreaterThan(300_000);
    const text = `${HEADER}\n${rows.join('\n')}\n`;

    const checker = new TimelineChecker();
    let header = true;
    let n = 0;
    let peakFirstHalf = 0;
    let peakSecondHalf = 0;
    let peakTimers = 0;
    let peakSlotsFirstHalf = 0;
    let peakSlotsSecondHalf = 0;
    const tokenizer = new CsvTokenizer((fields, line) => {
      if (header) {
        header = false;
        return;
      }
      checker.push(toRowForTest(fields), line);
      if (++n % 1000 === 0) {
        const live = checker.liveEntities;
        if (n < rows.length / 2) peakFirstHalf = Math.max(peakFirstHalf, live);
        else peakSecondHalf = Math.max(peakSecondHalf, live);
        peakTimers = Math.max(peakTimers, checker.pendingTimers);
        if (n < rows.length / 2) peakSlotsFirstHalf = Math.max(peakSlotsFirstHalf, checker.timerSlots);
        else peakSlotsSecondHalf = Math.max(peakSlotsSecondHalf, checker.timerSlots);
      }
    });
    // Feed it in 64 KiB pieces, as a file stream would.
    for (let i = 0; i < text.length; i += 65_536) tokenizer.feed(text.slice(i, i + 65_536));
    tokenizer.end();
    const result = checker.finish();

    expect(result.rows).toBe(rows.length);
    expect(result.violations).toEqual([]);
    // The longest story spans 189 days: at one job an hour, at most ~4,600 jobs are open at once,
    // each with at most 4 records (job, drives, extra, orphan).
    const openJobs = Math.ceil((190 * 24) / 1);
    expect(peakSecondHalf).toBeLessThan(openJobs * 4);
    expect(peakSecondHalf).toBeLessThan(rows.length / 20);
    // Steady state: the second half holds no more than the first (no leak that grows with the rows).
    expect(peakSecondHalf).toBeLessThanOrEqual(peakFirstHalf * 1.1);
    expect(peakTimers).toBeLessThan(openJobs * 8);
    // Timer slots are reused (timer-pool.ts): as many as the timers queued or held, not as the timers ever armed.
    expect(peakSlotsSecondHalf).toBeLessThan(openJobs * 8);
    expect(peakSlotsSecondHalf).toBeLessThanOrEqual(peakSlotsFirstHalf * 1.1);
    // Every story ends with its job deleted and its drives gone: nothing is left.
    expect(checker.liveEntities).toBe(0);
    // With every record gone, a slot in use is a timer still queued (disarmed, due after the end): none leaked.
    expect(checker.timerSlots).toBe(checker.pendingTimers);
    expect(STORIES.length).toBeGreaterThan(20);
  });
});
