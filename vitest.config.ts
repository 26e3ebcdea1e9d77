import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Issue 16: nothing a test starts outlives it (test/support/run-registry.ts explains how).
    // The global setup also sets CCMD_CHECK_INVARIANTS=1 for every daemon (issue 13).
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/file-setup.ts'],
    // End-to-end files start real daemons, socat and clients: give them room but keep them bounded.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e files each spawn several processes.
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/*.fixture.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        // Issue 2: the broker is fully covered, every branch.
        'src/domain/broker/**/*.ts': { branches: 100, functions: 100, lines: 100, statements: 100 },
      },
    },
  },
});
