/**
 * SPEC §10 API credentials: HTTP Basic (checked like any password login: the one authenticator,
 * scrypt off the event loop, lockout, the HTTP admission gate) or a bearer token from
 * `POST /api/v1/login`. Both count toward the lockout (SPEC §9): a Basic failure as any wrong
 * password; a token with a real id and a wrong secret as a failed login of its user. A locked
 * user's tokens stop working until the lock ends. Every failure is the same 401 (which part was
 * wrong is not told), except a full admission gate: 429 with Retry-After.
 */
import type { MiddlewareHandler } from 'hono';
import { clientOf, type WebDeps, type WebEnv } from '../deps.js';
import { apiError, sendError } from './http-errors.js';

/** What a request authenticated as. */
export interface ApiIdentity {
  readonly user: string;
  /** The token used, when a bearer token was (POST /logout revokes it). */
  readonly tokenId: string | null;
}

export interface ApiEnv extends WebEnv {
  Variables: { identity: ApiIdentity };
}

export const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="ccmd", charset="UTF-8"' };

/** `user:password` from a Basic header; null when it is not one. */
export function basicCredentials(header: string): { user: string; password: string } | null {
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match === null) return null;
  const text = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? null : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

export function requireLogin(deps: WebDeps): MiddlewareHandler<ApiEnv> {
  const tokens = deps.services.services.tokens;
  const refused = (c: Parameters<MiddlewareHandler<ApiEnv>>[0]) => sendError(c, apiError('loginRequired'), { headers: CHALLENGE });

  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (bearer !== null) {
      const checked = tokens.authenticate(bearer[1] as string);
      if (!checked.ok) {
        if (checked.counted) deps.metrics.login('api', 'failure');
        return refused(c);
      }
      c.set('identity', { user: checked.user, tokenId: checked.tokenId });
      return next();
    }
    const basic = basicCredentials(header);
    if (basic === null) return refused(c);
    const outcome = await deps.authenticateWebLogin(basic.user, basic.password, clientOf(c, 'api'));
    if (!outcome.ok) {
      if (outcome.reason === 'busy') return sendError(c, apiError('tooManyLogins'), { headers: { 'Retry-After': '1' } });
      return refused(c);
    }
    c.set('identity', { user: outcome.user, tokenId: null });
    return next();
  };
}
