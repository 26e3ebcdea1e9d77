/**
 * SPEC §10 `POST /api/v1/login` (a bearer token for the credentials in the body, or in a Basic
 * header) and `POST /api/v1/logout` (revokes the token used). A token expires (12 hours unless
 * asked otherwise, at most 30 days) and is revoked by USER LOGOUT, USER DELETE and a password
 * change (store/token-repository.ts).
 */
import { z } from 'zod';
import { MAX_TOKEN_SECONDS } from '../../services/tokens.js';
import { basicCredentials } from './api-auth.js';
import { ok, route, type ApiAnswer, type ApiRoute } from './api-route.js';
import { apiError } from './http-errors.js';
import { actorOf, servicesOf } from './service-call.js';


export const loginBody = z.object({
  user: z.string().min(1).max(64).optional(),
  password: z.string().max(256).optional(),
  /** Lifetime in seconds (default 12 hours). */
  ttlSeconds: z.number().int().min(60).max(MAX_TOKEN_SECONDS).optional(),
  label: z.string().max(64).optional(),
}).strict();

export const tokenAnswer = z.object({
  token: z.string().describe('Send as `Authorization: Bearer <token>`; shown only here'),
  id: z.string(),
  user: z.string(),
  label: z.string(),
  createdAt: z.number().describe('ms since the epoch'),
  expiresAt: z.number().describe('ms since the epoch'),
});

const refusedLogin: ApiAnswer = { ok: false, error: apiError('loginRequired') };

export const loginRoutes: readonly ApiRoute[] = [
  route({
    method: 'post', path: '/login', public: true, created: true, body: loginBody, answer: tokenAnswer,
    summary: 'A bearer token for the user and password in the body (or in a Basic header)',
    async run({ deps, body, client, header }) {
      const basic = basicCredentials(header('authorization') ?? '');
      const user = body.user ?? basic?.user;
      const password = body.password ?? basic?.password;
      if (user === undefined || password === undefined) return refusedLogin;
      const outcome = await deps.authenticateWebLogin(user, password, client);
      if (!outcome.ok) return outcome.reason === 'busy' ? { ok: false, error: apiError('tooManyLogins') } : refusedLogin;
      const services = deps.services.services;
      const actor = services.actor(outcome.user, { method: 'api', address: client.address });
      const made = services.tokens.create(actor, outcome.user, { ttlSeconds: body.ttlSeconds, label: body.label ?? 'api login' });
      if (!made.ok) return { ok: false, error: made.error, field: made.field };
      const { token: issued } = made;
      return ok({ token: issued.token, id: issued.id, user: issued.user, label: issued.label, createdAt: issued.createdAt, expiresAt: issued.expiresAt });
    },
  }),
  route({
    method: 'post', path: '/logout', answer: z.object({ revoked: z.boolean() }),
    summary: 'Revokes the bearer token this request used (false with Basic credentials)',
    run(call) {
      const { tokenId } = call.identity;
      // Through the service, so a logout is audited like `ccmd token revoke`.
      const revoked = tokenId !== null && servicesOf(call).tokens.revoke(actorOf(call), tokenId).ok;
      return ok({ revoked });
    },
  }),
];
