import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
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
