/**
 * TokenService.authenticate, the API's bearer check (SPEC §10) with SPEC §9 lockout: a real id
 * with a wrong secret counts against its user, a locked user's good token does not work, an
 * unknown or expired token counts against no one. A real SQLite store (test/support/fake-app.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_THRESHOLD } from '../domain/lockout.js';
import { admin, app, useServiceApp } from '../../test/support/service-fixture.js';

useServiceApp();

function issue(ttlSeconds = 3600): { token: string; id: string } {
  const made = app.services.tokens.create(admin, 'Admin', { ttlSeconds });
  if (!made.ok) throw new Error(made.error.text);
  return made.token;
}

describe('TokenService.authenticate', () => {
  it('takes a good token as its user and id', () => {
    const { token, id } = issue();
    expect(app.services.tokens.authenticate(token)).toEqual({ ok: true, user: 'Admin', tokenId: id });
  });

  it('counts a real id with a wrong secret as a failed login of its user, until the lock stops even the good token', () => {
    const { token } = issue();
    const at = 'ccmd_'.length + 12 + 1; // the secret's first character: six real bits
    const forged = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    for (let i = 0; i < DEFAULT_LOCKOUT_THRESHOLD; i++) {
      expect(app.services.tokens.authenticate(forged)).toEqual({ ok: false, counted: true });
    }
    expect(app.store.users.get('Admin')?.lockout.lockedUntil).not.toBeNull();
    expect(app.services.tokens.authenticate(token)).toEqual({ ok: false, counted: false });
  });

  it('counts nothing for an unknown id or an expired token', () => {
    const { token } = issue(60);
    expect(app.services.tokens.authenticate('ccmd_000000000000_' + 'A'.repeat(43))).toEqual({ ok: false, counted: false });
    expect(app.services.tokens.authenticate('not a token')).toEqual({ ok: false, counted: false });
    app.clock += 61_000;
    expect(app.services.tokens.authenticate(token)).toEqual({ ok: false, counted: false });
    expect(app.store.users.get('Admin')?.lockout.failures ?? 0).toBe(0);
  });
});
