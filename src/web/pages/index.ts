/**
 * Composition point for the web pages of SPEC §10 (issue 11: /login, /sessions, /sessions/{id},
 * /ports/{n}/terminal and the browser terminal's WebSocket). `createWebApp` (web/app.ts) calls this
 * after /healthz, /metrics and /api/v1 are mounted, so pages never shadow them.
 */
import type { Hono } from 'hono';
import type { WebDeps, WebEnv } from '../deps.js';
import { registerConsole } from './console-routes.js';

export function registerPages(app: Hono<WebEnv>, deps: WebDeps): void {
  registerConsole(app, deps);
}
