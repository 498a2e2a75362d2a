import { describe, expect, it } from 'vitest';
import { median, medianRun, signTest } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('medianRun keeps every figure of the run with the median time', () => {
    const runs = [{ seconds: 3, jobs: 30 }, { seconds: 1, jobs: 10 }, { seconds: 2, jobs: 20 }];
    expect(medianRun(runs)).toEqual({ seconds: 2, jobs: 20 });
    expect(medianRun([{ seconds: 5 }, { seconds: 4 }])).toEqual({ seconds: 4 });
    expect(() => medianRun([])).toThrow(RangeError);
  });

  it('sign test: 8 wins of 8 pairs is p = 2/256, an even split is p = 1', () => {
    expect(signTest(8, 8)).toBeCloseTo(2 / 256, 12);
    expect(signTest(0, 8)).toBeCloseTo(2 / 256, 12);
    expect(signTest(4, 8)).toBe(1);
    // 6 of 8: 2 * (1 + 8 + 28) / 256
    expect(signTest(6, 8)).toBeCloseTo((2 * 37) / 256, 12);
    expect(signTest(0, 0)).toBe(1);
    expect(() => signTest(3, 2)).toThrow(RangeError);
  });
});
