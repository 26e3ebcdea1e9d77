/**
 * The web application of SPEC §10, composed once per daemon: `/healthz`, `/metrics`, the JSON API
 * under `/api/v1/` (web/api/), then the pages (web/pages/, issue 11). The order matters only in
 * that the pages come last and so never shadow the others.
 */
import { Hono } from 'hono';
import type { WebDeps, WebEnv } from './deps.js';
import { cliError } from '../domain/errors.js';
import { registerApi } from './api/index.js';
import { errorBody } from './api/http-errors.js';
import { registerPages } from './pages/index.js';

export function createWebApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/healthz', (c) => c.text('ok'));
  // SPEC §10: no login by default (a scraper on the same host or network).
  app.get('/metrics', async (c) => c.body(await deps.metrics.text(), 200, { 'Content-Type': deps.metrics.contentType }));
  registerApi(app, deps);
  registerPages(app, deps);
  app.onError((err, c) => {
    deps.logger.error({ err, path: c.req.path, method: c.req.method }, 'web request failed');
    return c.req.path.startsWith('/api/')
      ? c.json(errorBody(cliError('internalError')), 500)
      : c.text('Internal error', 500);
  });
  return app;
}
