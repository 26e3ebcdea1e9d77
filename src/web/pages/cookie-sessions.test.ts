import { describe, expect, it } from 'vitest';
import { CookieSessions, sameToken } from './cookie-sessions.js';
import { safeNext } from './login-routes.js';

describe('CookieSessions', () => {
  it('names a login by an unguessable token with its own CSRF token', () => {
    const logins = new CookieSessions(() => 0);
    const a = logins.create('alice');
    const b = logins.create('alice');
    expect(a.token).not.toBe(b.token);
    expect(a.csrf).not.toBe(a.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(logins.get(a.token)?.user).toBe('alice');
    expect(logins.get('forged')).toBeNull();
    expect(logins.get(undefined)).toBeNull();
  });

  it('expires a login after idling and after its maximum age, and ends every login of a user', () => {
    let now = 0;
    const logins = new CookieSessions(() => now, 1000, 5000);
    const a = logins.create('alice');
    now = 900;
    expect(logins.get(a.token)).not.toBeNull();
    now = 1901;
    expect(logins.get(a.token)).toBeNull();
    const b = logins.create('bob');
    for (now = 2000; now <= 6800; now += 800) expect(logins.get(b.token)).not.toBeNull();
    now = 7100;
    expect(logins.get(b.token)).toBeNull();
    const c = logins.create('carol');
    logins.create('carol');
    logins.endUser('carol');
    expect(logins.get(c.token)).toBeNull();
    expect(logins.size).toBe(0);
  });
});

describe('sameToken and safeNext', () => {
  it('compares tokens exactly, refusing empty and missing ones', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
    expect(sameToken('', '')).toBe(false);
    expect(sameToken(undefined, 'abc')).toBe(false);
    expect(sameToken('abc', null)).toBe(false);
  });

  it('follows only local paths after login', () => {
    expect(safeNext('/sessions/S3')).toBe('/sessions/S3');
    expect(safeNext('/ports/1/terminal?mode=listen')).toBe('/ports/1/terminal?mode=listen');
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil', 'sessions', '', undefined, 42]) {
      expect(safeNext(bad)).toBe('/sessions');
    }
  });
});
