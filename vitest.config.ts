import { defineConfig } from 'vitest/config';

/**
 * Test files that replace a module with `vi.mock` need a module registry of their own: name them
 * `*.isolated.test.ts` (lint enforces it). Every other file runs in a worker that keeps the modules it has
 * already loaded, which spares re-importing botbuilder and the app for each of the 130-odd files (the
 * suite's wall time went from about 380 s to about 180 s on 2 cores). Such files must not depend on
 * module-level state left by another file; each builds its own app, store and clock.
 */
const ISOLATED = ['test/**/*.isolated.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel across workers: the end-to-end suites each take free ports for the app and the Playground.
    fileParallelism: true,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
