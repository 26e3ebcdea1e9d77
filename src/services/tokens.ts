/**
 * API bearer tokens as a service (SPEC §10; the host CLI's `ccmd token create|list|revoke`).
 * Anyone may hold tokens for themselves; tokens for another user, and the list of everyone's,
 * need the USER right (the console holds every right). Issuing and revoking are audited; a
 * token's secret is returned once, at creation, and never stored or logged.
 */
import { isLocked, lockoutPolicy } from '../domain/lockout.js';
import type { ApiToken, IssuedToken } from '../store/token-repository.js';
import { audit, outranked } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { done, refuse, type Actor, type Outcome } from './types.js';

/** Decided: at most 30 days; 12 hours unless asked. */
export const DEFAULT_TOKEN_SECONDS = 12 * 3600;
export const MAX_TOKEN_SECONDS = 30 * 24 * 3600;

const NEEDS_USER = 'needs the USER right';

/** A bearer token checked: its user, or refused (`counted`: a failed login of that user was recorded). */
export type TokenCheck =
  | { readonly ok: true; readonly user: string; readonly tokenId: string }
  | { readonly ok: false; readonly counted: boolean };

export class TokenService {
  constructor(private readonly app: ApplianceRuntime) {}

  /**
   * SPEC §10 bearer credentials, with SPEC §9 lockout: a token with a real id and a wrong secret
   * is a failed login of its user; a locked user's tokens stop working until the lock ends.
   */
  authenticate(bearer: string): TokenCheck {
    const { store } = this.app;
    const now = this.app.now();
    const checked = store.tokens.verify(bearer, now);
    if (!checked.ok) {
      if (checked.reason !== 'mismatch' || checked.user === undefined) return { ok: false, counted: false };
      store.users.recordFailedLogin(checked.user, lockoutPolicy(store.server.get().lockoutHours), now);
      return { ok: false, counted: true };
    }
    const record = store.users.get(checked.token.user);
    if (record === null || isLocked(record.lockout, now)) return { ok: false, counted: false };
    return { ok: true, user: record.name, tokenId: checked.token.id };
  }

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
