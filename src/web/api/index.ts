/**
 * The JSON API of SPEC §10 under `/api/v1/`. Every endpoint calls the same services as its CLI
 * twin (issue 10: not a second implementation).
 */
import type { Hono } from 'hono';
import type { WebDeps, WebEnv } from '../deps.js';

export function registerApi(app: Hono<WebEnv>, _deps: WebDeps): void {
  app.all('/api/*', (c) => c.json({ error: { code: 'ERR 01', message: 'Unknown command' } }, 404));
}
