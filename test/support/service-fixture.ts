/**
 * The set-up of the service tests (src/services/*.test.ts), which call the services as the web
 * API does: the shared `app` (test/support/app-fixture.ts) and `admin`, the seeded `Admin` as an
 * HTTP caller. Both are live bindings, new for each test.
 */
import { beforeEach } from 'vitest';
import { app, useFakeApp } from './app-fixture.js';
import type { Actor } from '../../src/services/types.js';

export { app };
export let admin: Actor;

/** Where the web API's callers come from in these tests. */
export const HTTP = { method: 'http', address: '192.0.2.7' };

/** Registers the hooks that make `app` and `admin`; call it once, at the top of a test file. */
export function useServiceApp(options: { beforeEachTest?: () => Promise<void> } = {}): void {
  useFakeApp();
  beforeEach(async () => {
    admin = app.services.actor('Admin', HTTP);
    await options.beforeEachTest?.();
  });
}
