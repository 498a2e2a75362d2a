import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every test run with the plain line `N passed, N failed` (plus skipped),
 * which CI reads in any language; vitest's own summary has another form.
 * A file that fails to load, or whose setup fails, counts as one failure, so
 * a broken import or a missing browser is never a green run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0, failed = 0, skipped = 0;
    for (const m of modules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that failed with no failed test (it did not load, or a beforeAll threw and its tests were
      // skipped) is one failure.
      failed += failedHere > 0 || m.state() !== 'failed' ? failedHere : 1;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
