import { defineConfig } from 'vitest/config';

// Only test/ holds tests: without this vitest would also collect files from
// out/ and dist/ (see ../shared/notes/stack.md).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
