import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The end-to-end suites share the Playground's fixed port; run files one at a time per worker pool.
    fileParallelism: true,
    pool: 'forks',
  },
});
