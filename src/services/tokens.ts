/**
 * API bearer tokens as a service (SPEC §10; the host CLI's `ccmd token create|list|revoke`).
 * Anyone may hold tokens for themselves; tokens for another user, and the list of everyone's,
 * need the USER right (the console holds every right). Issuing and revoking are audited; a
 * token's secret is returned once, at creation, and never stored or logged.
 */
import type { ApiToken, IssuedToken } from '../store/token-repository.js';
import { audit, outranked } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { done, refuse, type Actor, type Outcome } from './types.js';

/** Decided: at most 30 days; 12 hours unless asked. */
export const DEFAULT_TOKEN_SECONDS = 12 * 3600;
export const MAX_TOKEN_SECONDS = 30 * 24 * 3600;

const NEEDS_USER = 'needs the USER right';

export class TokenService {
  constructor(private readonly app: ApplianceRuntime) {}

  /** A new token for `user` (yourself, or anyone with the USER right and not outranked). */
  create(actor: Actor, user: string, options: { ttlSeconds?: number; label?: string } = {}): Outcome<{ token: IssuedToken }> {
    if (user !== actor.user && !actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER, 'user');
    const target = this.app.store.users.get(user);
    if (target === null) return refuse('noSuchUser', user, 'user');
    const above = user === actor.user ? null : outranked(actor, target, 'make a token for');
    if (above) return above;
    const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_TOKEN_SECONDS) return refuse('invalidValue', `lifetime must be 60-${MAX_TOKEN_SECONDS} seconds`, 'ttlSeconds');
    const label = options.label ?? '';
    if (label.length > 64) return refuse('invalidValue', 'label is at most 64 characters', 'label');
    const token = this.app.store.tokens.issue(target.name, { now: this.app.now(), ttlMs: ttl * 1000, label });
    audit(this.app, actor, 'TOKEN CREATE', `${token.id} for ${target.name}${label === '' ? '' : ` (${label})`}`);
    return { ok: true, token };
  }

  /** Your own tokens; everyone's (or one user's) with the USER right. Never the secrets. */
  list(actor: Actor, user?: string): Outcome<{ tokens: ApiToken[] }> {
    const whose = user ?? (actor.hasRight('USER') ? undefined : actor.user);
    if (whose !== actor.user && !actor.hasRight('USER')) return refuse('insufficientPrivileges', NEEDS_USER, 'user');
    return { ok: true, tokens: this.app.store.tokens.list(whose) };
  }

  /** Revokes one token: your own, or anyone's with the USER right. */
  revoke(actor: Actor, id: string): Outcome {
    const token = this.app.store.tokens.get(id);
    if (token === null || (token.user !== actor.user && !actor.hasRight('USER'))) return refuse('noSuchSession', `no token ${id}`, 'id');
    this.app.store.tokens.revoke(id);
    audit(this.app, actor, 'TOKEN REVOKE', `${id} of ${token.user}`);
    return done;
  }
}
