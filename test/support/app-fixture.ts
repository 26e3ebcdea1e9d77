/**
 * The set-up the command and service tests share: a `FakeApp` over a real SQLite file
 * (test/support/fake-app.ts), made fresh for each test, or once per file and put back before
 * each test. `app` is an ES module live binding: read it inside tests and hooks (it changes per
 * test); a copy taken when the test file loads would be `undefined`.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { fakeApp, type FakeApp } from './fake-app.js';

export let app: FakeApp;

export interface AppFixtureOptions {
  /**
   * One app for the whole file, for files whose seed is slow (scrypt on purpose): `seed` runs
   * once, `reset` before each test puts back what tests change (the audit log is always cleared).
   */
  perFile?: { seed: (app: FakeApp) => Promise<void>; reset: (app: FakeApp) => void };
}

/** Registers the hooks that make `app`; call it once, at the top of a test file. */
export function useFakeApp(options: AppFixtureOptions = {}): void {
  const { perFile } = options;
  if (perFile === undefined) {
    beforeEach(async () => { app = await fakeApp(); });
    afterEach(() => app.close());
    return;
  }
  beforeAll(async () => {
    app = await fakeApp();
    await perFile.seed(app);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    perFile.reset(app);
    app.audits.length = 0;
  });
}
