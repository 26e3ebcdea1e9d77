/**
 * SPEC §10 / issue 10: the OpenAPI 3.0 document at `/api/v1/openapi.json`, generated from the
 * route table and its zod schemas (zod 4's `z.toJSONSchema`), so it cannot drift from what the
 * API checks.
 */
import { z } from 'zod';
import type { ApiRoute } from './api-route.js';

const ERROR_SCHEMA = z.object({
  error: z.object({ code: z.string().regex(/^ERR \d\d$/), message: z.string(), field: z.string().optional() }),
});

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): object {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
}

const errorResponse = (description: string) => ({
  description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function openApiDocument(routes: readonly ApiRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, object> = {
      [r.created === true ? '201' : '200']: {
        description: 'Success', content: { 'application/json': { schema: schemaOf(r.answer, 'output') } },
      },
      400: errorResponse('Malformed JSON'),
      404: errorResponse('No such resource (ERR 07 user, 08 session, 06/12 port, 34 path)'),
      405: errorResponse('Method not allowed'),
      413: errorResponse('Body over 64 KiB'),
      422: errorResponse('Refused: missing, unknown or invalid field (ERR 02, 05, 03) or a rule (ERR 17)'),
    };
    if (r.public !== true) {
      responses[401] = errorResponse('Login required (ERR 30)');
      responses[403] = errorResponse('Insufficient privileges (ERR 04, 18)');
      responses[429] = errorResponse('Too many logins being checked (ERR 31)');
    }
    if (r.path.startsWith('/sessions/')) responses[409] = errorResponse('Session has ended (ERR 20)');
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, object>)[r.method] = {
      summary: r.summary,
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(r.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } }),
      responses,
      ...(r.public === true ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'ccmd API', version: '1', description: 'The JSON API of ccmd (SPEC §10). Same users, rights, levels, lockout and ERR catalogue as the CLI.' },
    servers: [{ url: '/api/v1' }],
    security: [{ basic: [] }, { bearer: [] }],
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' }, bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schemaOf(ERROR_SCHEMA, 'output') },
    },
    paths,
  };
}
