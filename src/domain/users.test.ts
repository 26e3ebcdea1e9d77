import { describe, expect, it } from 'vitest';
import { ADMIN_ACCESS, DEFAULT_ACCESS, NO_ACCESS } from './rights.js';
import { checkUserChange, sameUserName, type UserChange, type UserSummary } from './users.js';

const LIMITS = { maxUsers: 64, groupsPerUser: 16 };

function user(name: string, extra: Partial<UserSummary> = {}): UserSummary {
  return { name, hasPassword: true, keyCount: 0, access: DEFAULT_ACCESS, groups: [], ...extra };
}

const admin = user('Admin', { access: ADMIN_ACCESS });
const base = [admin, user('jdoe')];

describe('checkUserChange', () => {
  const refused: [string, readonly UserSummary[], UserChange, string, string][] = [
    ['name too short', base, { kind: 'add', user: user('ab'), password: 'pw1' }, 'name-length', 'ab'],
    ['name too long', base, { kind: 'add', user: user('a'.repeat(17)), password: 'pw1' }, 'name-length', 'a'.repeat(17)],
    ['name All', base, { kind: 'add', user: user('All'), password: 'pw1' }, 'name-reserved', 'All'],
    ['name aLL', base, { kind: 'add', user: user('aLL'), password: 'pw1' }, 'name-reserved', 'aLL'],
    ['name with a colon', base, { kind: 'add', user: user('jo:e'), password: 'pw1' }, 'name-characters', 'jo:e'],
    ['name with a space', base, { kind: 'add', user: user('jo e'), password: 'pw1' }, 'name-characters', 'jo e'],
    ['name taken', base, { kind: 'add', user: user('jdoe'), password: 'pw1' }, 'name-taken', 'jdoe'],
    ['name taken ignoring case', base, { kind: 'add', user: user('JDoe'), password: 'pw1' }, 'name-taken', 'JDoe'],
    ['password too short', base, { kind: 'add', user: user('newbie'), password: 'pw' }, 'password-length', 'pw'],
    ['password too long', base, { kind: 'add', user: user('newbie'), password: 'p'.repeat(17) }, 'password-length', 'p'.repeat(17)],
    ['no password and no key on add', base, { kind: 'add', user: user('newbie', { hasPassword: false }) }, 'no-credential', 'newbie'],
    ['removing the only credential', base, { kind: 'update', user: user('jdoe', { hasPassword: false }) }, 'no-credential', 'jdoe'],
    ['update unknown', base, { kind: 'update', user: user('ghost') }, 'no-such-user', 'ghost'],
    ['update matches names exactly', base, { kind: 'update', user: user('JDOE') }, 'no-such-user', 'JDOE'],
    ['delete unknown', base, { kind: 'delete', name: 'ghost' }, 'no-such-user', 'ghost'],
    ['deleting the last USER holder', base, { kind: 'delete', name: 'Admin' }, 'no-user-admin', 'Admin'],
    ['taking USER from the last holder', base, { kind: 'update', user: user('Admin', { access: NO_ACCESS }) }, 'no-user-admin', 'Admin'],
    ['adding a user without USER to an empty database', [], { kind: 'add', user: user('first'), password: 'pw1' }, 'no-user-admin', 'first'],
    ['too many groups', base, { kind: 'update', user: user('jdoe', { groups: ['a', 'b', 'c'] }) }, 'too-many-groups', 'c'],
  ];

  it.each(refused)('refuses %s', (_name, users, change, code, token) => {
    const limits = _name === 'too many groups' ? { maxUsers: 64, groupsPerUser: 2 } : LIMITS;
    expect(checkUserChange(users, change, limits)).toMatchObject({ ok: false, code, token });
  });

  it('refuses the 65th user and accepts the 64th', () => {
    const users = [admin, ...Array.from({ length: 62 }, (_, i) => user(`user${i}`))];
    expect(checkUserChange(users, { kind: 'add', user: user('user63'), password: 'pw1' }, LIMITS)).toEqual({ ok: true });
    const full = [...users, user('user63')];
    expect(full).toHaveLength(64);
    expect(checkUserChange(full, { kind: 'add', user: user('user64'), password: 'pw1' }, LIMITS))
      .toMatchObject({ ok: false, code: 'too-many-users' });
  });

  const accepted: [string, readonly UserSummary[], UserChange][] = [
    ['a plain add', base, { kind: 'add', user: user('newbie'), password: 'abc' }],
    ['a 16-character name and password', base, { kind: 'add', user: user('a'.repeat(16)), password: 'p'.repeat(16) }],
    ['a key-only user', base, { kind: 'add', user: user('keyed', { hasPassword: false, keyCount: 1 }) }],
    ['dropping the password when a key stays', [admin, user('jdoe', { keyCount: 1 })],
      { kind: 'update', user: user('jdoe', { hasPassword: false, keyCount: 1 }) }],
    ['deleting a USER holder when another remains', [admin, user('second', { access: ADMIN_ACCESS })],
      { kind: 'delete', name: 'Admin' }],
    ['deleting a plain user', base, { kind: 'delete', name: 'jdoe' }],
    ['the first user holding USER', [], { kind: 'add', user: user('Admin', { access: ADMIN_ACCESS }), password: 'abc' }],
    ['groups up to the limit', base, { kind: 'update', user: user('jdoe', { groups: ['a', 'b'] }) }],
  ];

  it.each(accepted)('accepts %s', (_name, users, change) => {
    expect(checkUserChange(users, change, { maxUsers: 64, groupsPerUser: 2 })).toEqual({ ok: true });
  });

  it('error messages never hold the password', () => {
    const r = checkUserChange(base, { kind: 'add', user: user('newbie'), password: 'xy' }, LIMITS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('xy');
  });

  it('sameUserName ignores case', () => {
    expect(sameUserName('Admin', 'aDMIN')).toBe(true);
    expect(sameUserName('Admin', 'Admin2')).toBe(false);
  });
});
