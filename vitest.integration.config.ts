import { defineConfig } from 'vitest/config';

// Suites that need what `.ci/run` installs with apt (Debian chromium for the dashboard's browser tests).
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
