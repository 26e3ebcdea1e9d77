/**
 * Turns the route table into hono routes under `/api/v1` (SPEC §10): credentials first (401),
 * then the body (64 KiB at most: 413; not JSON: 400; fields checked by the route's strict zod
 * schema: 422 naming the field), then the route. A path that exists with another method is a 405
 * with `Allow`; any other path under /api a 404. Every error is a JSON body from the catalogue.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { clientOf, type WebDeps, type WebEnv } from '../deps.js';
import { requireLogin, type ApiEnv, type ApiIdentity } from './api-auth.js';
import type { ApiAnswer, ApiRoute } from './api-route.js';
import { apiError, sendError, statusOf } from './http-errors.js';
import { openApiDocument } from './openapi.js';

export const API_BASE = '/api/v1';
/** Largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** The first zod issue as a catalogue error and the field it names. */
function issueError(c: Context, issues: readonly z.core.$ZodIssue[]): Response {
  const issue = issues[0];
  if (issue === undefined) return sendError(c, apiError('invalidValue'));
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return sendError(c, apiError('unknownParameter', key), { field: [...issue.path, key].join('.') });
  }
  const field = issue.path.join('.');
  if (issue.input === undefined && field !== '') return sendError(c, apiError('missingParameter', field), { field });
  return sendError(c, apiError('invalidValue', `${field}: ${issue.message}`), field === '' ? {} : { field });
}

async function readBody(c: Context, schema: z.ZodType | undefined): Promise<BodyResult> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, response: sendError(c, apiError('malformedRequest', 'the body is not JSON')) };
    }
  }
  if (schema === undefined) {
    const empty = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
    if (empty) return { ok: true, value: undefined };
    return { ok: false, response: sendError(c, apiError('unknownParameter', 'this request takes no body')) };
  }
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, response: issueError(c, parsed.error.issues) };
  return { ok: true, value: parsed.data };
}

/**
 * The status a refusal gets when the catalogue's is not the whole story: 409 for a clash with
 * what exists; 422, not 404, when the missing thing was named in the body (`"ports": "6-5"`),
 * since the resource in the path was found.
 */
function refusalStatus(answer: Extract<ApiAnswer, { ok: false }>, body: unknown): ContentfulStatusCode | undefined {
  if (answer.conflict === true) return 409;
  const inBody = typeof body === 'object' && body !== null && answer.field !== undefined && answer.field in body;
  if (statusOf(answer.error) === 404 && inBody) return 422;
  return undefined;
}

/** `/ports/{n}` → a regular expression for the path under the base. */
function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}/?$`);
}

export function mountApi(app: Hono<WebEnv>, deps: WebDeps, routes: readonly ApiRoute[]): void {
  const api = new Hono<ApiEnv>();
  const auth = requireLogin(deps);
  api.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => sendError(c, apiError('requestTooLarge', `at most ${MAX_BODY_BYTES} bytes`)) }));
  api.get('/openapi.json', (c) => c.json(openApiDocument(routes)));
  for (const r of routes) {
    const honoPath = r.path.replace(/\{(\w+)\}/g, ':$1');
    const handle = async (c: Context<ApiEnv>): Promise<Response> => {
      const body = await readBody(c, r.body);
      if (!body.ok) return body.response;
      const identity: ApiIdentity = r.public === true ? { user: '', tokenId: null } : c.get('identity');
      const answer = await r.run({ deps, identity, client: clientOf(c, 'api'), params: c.req.param(), body: body.value, header: (name) => c.req.header(name), query: (name) => c.req.query(name) });
      if (!answer.ok) return sendError(c, answer.error, { field: answer.field, status: refusalStatus(answer, body.value) });
      return c.json(answer.body as object, r.created === true ? 201 : 200);
    };
    if (r.public === true) api.on(r.method.toUpperCase(), honoPath, handle);
    else api.on(r.method.toUpperCase(), honoPath, auth, handle);
  }
  const patterns = routes.map((r) => ({ method: r.method.toUpperCase(), pattern: pathPattern(r.path) }));
  api.all('*', (c) => {
    const path = c.req.path.slice(API_BASE.length) || '/';
    const allowed = [...new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method))];
    if (allowed.length > 0) return sendError(c, apiError('methodNotAllowed', c.req.method), { headers: { Allow: allowed.join(', ') } });
    return sendError(c, apiError('unknownResource', c.req.path));
  });
  app.route(API_BASE, api);
  app.all('/api/*', (c) => sendError(c, apiError('unknownResource', c.req.path)));
}
