/**
 * The set-up of the CLI command tests (src/cli/commands/*.test.ts): the shared `app`
 * (test/support/app-fixture.ts) and `admin`, the context of the seeded `Admin` login. Both are
 * live bindings, new for each test.
 */
import { beforeEach } from 'vitest';
import { app, useFakeApp, type AppFixtureOptions } from './app-fixture.js';
import { contextFor, type TestContext } from './fake-app.js';

export { app };
export let admin: TestContext;

export interface CommandFixtureOptions extends AppFixtureOptions {
  /** Runs before each test once `app` and `admin` are ready (e.g. a port the file needs set up). */
  beforeEachTest?: () => Promise<void>;
}

/** Registers the hooks that make `app` and `admin`; call it once, at the top of a test file. */
export function useCommandApp(options: CommandFixtureOptions = {}): void {
  useFakeApp(options);
  beforeEach(async () => {
    admin = contextFor(app, 'Admin');
    await options.beforeEachTest?.();
  });
}
