/**
 * The JSON API of SPEC §10 under `/api/v1/`: the route table (one declaration per endpoint) and
 * where it is mounted. Every endpoint calls the same services as its CLI twin (issue 10: not a
 * second implementation), with the same rights, invariants, audit and ERR catalogue.
 */
import type { Hono } from 'hono';
import type { WebDeps, WebEnv } from '../deps.js';
import type { ApiRoute } from './api-route.js';
import { authRoutes } from './auth-routes.js';
import { loginRoutes } from './login-routes.js';
import { mountApi } from './mount.js';
import { portRoutes } from './port-routes.js';
import { serverRoutes } from './server-routes.js';
import { sessionRoutes } from './session-routes.js';
import { userRoutes } from './user-routes.js';

export const API_ROUTES: readonly ApiRoute[] = [...loginRoutes, ...sessionRoutes, ...userRoutes, ...portRoutes, ...serverRoutes, ...authRoutes];

export function registerApi(app: Hono<WebEnv>, deps: WebDeps): void {
  mountApi(app, deps, API_ROUTES);
}
