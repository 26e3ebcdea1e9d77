/**
 * USER ADD|SET|DELETE|LOGOUT|UNLOCK (SPEC §3, §6) through the real registry and a real store:
 * every user-database invariant gives its ERR with the right token underlined, the
 * ADMIN/APPLIANCEADMIN rules, self-service passwords, and that passwords never leak.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { formatAccessList } from '../../domain/rights.js';
import { lockoutPolicy } from '../../domain/lockout.js';
import { verifyPassword } from '../../store/passwords.js';
import {
  contextFor, errorLines, fakeApp, registryOf, run, TEST_PROFILE, type TestContext,
} from '../../../test/support/fake-app.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { ADMIN_COMMANDS } from './index.js';

const registry = registryOf(ADMIN_COMMANDS);
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGP+ZW3s9DBSeadZUe9ejWmBk7a9msUNwlf7yc8hJmJS jdoe@laptop';

useCommandApp();

const access = (name: string) => {
  const user = app.store.users.get(name);
  return user === null ? null : formatAccessList(user.access);
};

const err = errorLines;

async function expectErr(ctx: TestContext, line: string, token: string, text: string): Promise<void> {
  expect(await run(registry, ctx, line)).toEqual(err(line, token, text));
}

describe('USER ADD without PASSWORD= or KEY= (the manual\'s `user add JDoe access=applianceadmin`)', () => {
  it('asks for the password twice at a login and adds the user with it', async () => {
    admin.session?.secrets.push('jdoe-pw1', 'jdoe-pw1');
    expect(await run(registry, admin, 'user add JDoe access=applianceadmin')).toEqual([]);
    expect(admin.session?.secretPrompts).toEqual(['Password for JDoe: ', 'Password again: ']);
    expect(access('JDoe')).toBe('PALL,USER,SCON,SMON,PCON,BREAK');
    expect(await verifyPassword('jdoe-pw1', app.store.users.get('JDoe')?.passwordHash ?? null)).toBe(true);
    expect(JSON.stringify(app.store.audit.recent())).not.toContain('jdoe-pw1');
  });

  it.each([
    ['two different passwords', ['jdoe-pw1', 'jdoe-pw2'], 'the two passwords typed differ'],
    ['a cancelled first question', [null], 'no password typed'],
    ['an empty first answer', [''], 'no password typed'],
    ['a cancelled second question', ['jdoe-pw1', null], 'no password typed'],
  ])('%s: refused, nobody added', async (_case, typed, why) => {
    admin.session?.secrets.push(...typed);
    await expectErr(admin, 'USER ADD jdoe', 'jdoe', `ERR 17 - User change refused: ${why}`);
    expect(app.store.users.get('jdoe')).toBeNull();
  });

  it('the service rules still apply to a typed password', async () => {
    admin.session?.secrets.push('ab', 'ab');
    await expectErr(admin, 'USER ADD jdoe', 'jdoe', 'ERR 17 - User change refused: Password must be 3-16 characters');
    expect(app.store.users.get('jdoe')).toBeNull();
  });

  it('asks nothing when KEY= is given, and nothing on a one-shot line (ccmd exec), which is refused', async () => {
    expect(await run(registry, admin, `USER ADD keyed KEY="${KEY}"`)).toEqual([]);
    expect(admin.session?.secretPrompts).toEqual([]);
    const oneShot = contextFor(app, 'Admin', { interactive: false });
    await expectErr(oneShot, 'USER ADD jdoe ACCESS=P1', 'jdoe', "ERR 17 - User change refused: User 'jdoe' must keep a password or a key");
    expect(app.store.users.get('jdoe')).toBeNull();
  });
});

describe('USER ADD', () => {
  it('adds with the SPEC §3 default access PALL,SMON, silently, audited without the password', async () => {
    expect(await run(registry, admin, 'USER ADD jdoe PASSWORD=s3cret')).toEqual([]);
    expect(access('jdoe')).toBe('PALL,SMON');
    expect(await verifyPassword('s3cret', app.store.users.get('jdoe')?.passwordHash ?? null)).toBe(true);
    expect(app.audits).toEqual([{ user: 'Admin', action: 'USER ADD', detail: 'jdoe password set' }]);
    expect(JSON.stringify(app.store.audit.recent())).not.toContain('s3cret');
  });

  it('parses abbreviations, any case, lists and quoted values', async () => {
    expect(await run(registry, admin, `use add jdoe pas="a b c" acc=P1-4,smon gro= KEY="${KEY}"`)).toEqual([]);
    const user = app.store.users.get('jdoe');
    expect(access('jdoe')).toBe('P1-4,SMON');
    expect(user?.keys.map((k) => k.comment)).toEqual(['jdoe@laptop']);
    expect(await verifyPassword('a b c', user?.passwordHash ?? null)).toBe(true);
  });

  it('ACCESS=+ adds to the default', async () => {
    await run(registry, admin, 'USER ADD jdoe PASSWORD=secret ACCESS=+BREAK');
    expect(access('jdoe')).toBe('PALL,SMON,BREAK');
  });

  it.each([
    ['USER ADD jd PASSWORD=secret', 'jd', "ERR 17 - User change refused: User name 'jd' must be 3-16 characters"],
    ['USER ADD abcdefghijklmnopq PASSWORD=secret', 'abcdefghijklmnopq', "ERR 17 - User change refused: User name 'abcdefghijklmnopq' must be 3-16 characters"],
    ['USER ADD "j doe" PASSWORD=secret', '"j doe"', "ERR 17 - User change refused: User name 'j doe' may hold only letters, digits, _ . @ -"],
    ['USER ADD all PASSWORD=secret', 'all', "ERR 17 - User change refused: User name 'all' is reserved"],
    ['USER ADD admin PASSWORD=secret', 'admin', "ERR 17 - User change refused: User 'Admin' already exists"],
    ['USER ADD jdoe PASSWORD=ab', 'PASSWORD=ab', 'ERR 17 - User change refused: Password must be 3-16 characters'],
    ['USER ADD jdoe PASSWORD=abcdefghijklmnopq', 'PASSWORD=abcdefghijklmnopq', 'ERR 17 - User change refused: Password must be 3-16 characters'],
    // At a login the password is asked for; the fake session's user cancels the question.
    ['USER ADD jdoe ACCESS=P1', 'jdoe', 'ERR 17 - User change refused: no password typed'],
    ['USER ADD jdoe KEY="ssh-ed25519 AAAA"', 'KEY="ssh-ed25519 AAAA"', 'ERR 17 - User change refused: User \'jdoe\': Bad SSH public key: Malformed OpenSSH public key'],
    ['USER ADD jdoe PASSWORD=secret ACCESS=P9', 'ACCESS=P9', "ERR 03 - Invalid value: Port 9 in 'P9' is not a port (1-8)"],
    ['USER ADD jdoe PASSWORD=secret ACCESS=FOO', 'ACCESS=FOO', "ERR 03 - Invalid value: Unknown right 'FOO' (expected PCON, SCON, SMON, USER, BREAK, PALL, P<n>, P<x-y>, ADMIN or APPLIANCEADMIN)"],
    ['USER ADD jdoe PASSWORD=secret ACCESS=+', 'ACCESS=+', 'ERR 03 - Invalid value: ACCESS =+ needs a list'],
    ['USER ADD jdoe PASSWORD=secret GROUP=lab', 'GROUP=lab', "ERR 03 - Invalid value: no port group 'lab' (PORT n SET GROUP= makes one)"],
    ['USER ADD jdoe PASSWORD=secret GROUP=a,,b', 'GROUP=a,,b', "ERR 03 - Invalid value: Empty item in group list 'a,,b'"],
    ['USER ADD jdoe PASSWORD=secret FOO=1', 'FOO=1', 'ERR 05 - Unknown parameter'],
    ['USER ADD jdoe PASSWORD=secret PASSWORD=other', 'PASSWORD=other', 'ERR 11 - Parameter given twice'],
    ['USER ADD', 'USER ADD', ''],
  ])('%s is refused', async (line, token, text) => {
    if (text === '') {
      expect(await run(registry, admin, line)).toEqual([line, '         -', 'ERR 02 - Missing parameter: expected <name>']);
    } else {
      await expectErr(admin, line, token, text);
    }
    expect(app.store.users.count()).toBe(1);
  });

  it('at most maxUsers users (SPEC §3: 64; here 3)', async () => {
    const small = await fakeApp({ ...TEST_PROFILE, maxUsers: 3 });
    try {
      const ctx = contextFor(small, 'Admin');
      expect(await run(registry, ctx, 'USER ADD one PASSWORD=secret')).toEqual([]);
      expect(await run(registry, ctx, 'USER ADD two PASSWORD=secret')).toEqual([]);
      expect(await run(registry, ctx, 'USER ADD three PASSWORD=secret'))
        .toEqual(err('USER ADD three PASSWORD=secret', 'three', 'ERR 17 - User change refused: At most 3 users'));
    } finally {
      small.close();
    }
  });

  it('an ADMIN cannot create a user with rights it lacks', async () => {
    await app.addUser('boss', 'PALL,USER,SMON,PCON,BREAK');
    const boss = contextFor(app, 'boss');
    await expectErr(boss, 'USER ADD jdoe PASSWORD=secret ACCESS=PALL,SCON', 'ACCESS=PALL,SCON', 'ERR 04 - Insufficient privileges: cannot grant SCON');
    expect(await run(registry, boss, 'USER ADD jdoe PASSWORD=secret ACCESS=PALL,PCON')).toEqual([]);
  });
});

describe('USER SET', () => {
  beforeEach(async () => {
    await app.addUser('jdoe', 'P1,SMON');
  });

  it('ACCESS=+ and =- edit the list (SPEC §3)', async () => {
    await run(registry, admin, 'USER SET jdoe ACCESS=+P3');
    expect(access('jdoe')).toBe('P1,P3,SMON');
    await run(registry, admin, 'user set jdoe acc=-P1,SMON');
    expect(access('jdoe')).toBe('P3');
    await run(registry, admin, 'USER SET jdoe ACCESS=P5-6,BREAK');
    expect(access('jdoe')).toBe('P5-6,BREAK');
    expect(app.audits.map((a) => a.detail)).toEqual(['jdoe access=P1,P3,SMON', 'jdoe access=P3', 'jdoe access=P5-6,BREAK']);
  });

  it('GROUP= =+ =- edit the groups, which must exist', async () => {
    app.store.groups.save({ name: 'lab', ports: [5] });
    app.store.groups.save({ name: 'core', ports: [6] });
    await run(registry, admin, 'USER SET jdoe GROUP=lab');
    await run(registry, admin, 'USER SET jdoe GROUP=+core');
    expect(app.store.users.get('jdoe')?.groups).toEqual(['lab', 'core']);
    await run(registry, admin, 'USER SET jdoe GROUP=-lab');
    expect(app.store.users.get('jdoe')?.groups).toEqual(['core']);
  });

  it('KEY= replaces, =+ adds, =- removes; PASSWORD= removes the password once a key is held', async () => {
    await run(registry, admin, `USER SET jdoe KEY="${KEY}"`);
    expect(app.store.users.get('jdoe')?.keys).toHaveLength(1);
    expect(await run(registry, admin, 'USER SET jdoe PASSWORD=')).toEqual([]);
    expect(app.store.users.get('jdoe')?.passwordHash).toBeNull();
    const line = `USER SET jdoe KEY=-"${KEY}"`;
    await expectErr(admin, line, `KEY=-"${KEY}"`, "ERR 17 - User change refused: User 'jdoe' must keep a password or a key");
    await run(registry, admin, 'USER SET jdoe PASSWORD=back1');
    expect(await run(registry, admin, line)).toEqual([]);
    expect(app.store.users.get('jdoe')?.keys).toEqual([]);
    await expectErr(admin, line, `KEY=-"${KEY}"`, 'ERR 03 - Invalid value: the user has no such key');
  });

  it.each([
    ['USER SET jdoe PASSWORD=', 'PASSWORD=', "ERR 17 - User change refused: User 'jdoe' must keep a password or a key"],
    ['USER SET jdoe PASSWORD=x1', 'PASSWORD=x1', 'ERR 17 - User change refused: Password must be 3-16 characters'],
    ['USER SET Admin ACCESS=-USER', 'ACCESS=-USER', 'ERR 17 - User change refused: At least one user must keep the USER right'],
    ['USER SET nobody PASSWORD=secret', 'nobody', 'ERR 07 - No such user: nobody'],
    ['USER SET jdoe', 'jdoe', ''],
  ])('%s is refused', async (line, token, text) => {
    const before = JSON.stringify(app.store.users.list());
    if (text === '') {
      expect(await run(registry, admin, line)).toEqual([line, '              -', 'ERR 02 - Missing parameter: PASSWORD=, KEY=, ACCESS= or GROUP=']);
    } else {
      await expectErr(admin, line, token, text);
    }
    expect(JSON.stringify(app.store.users.list())).toBe(before);
  });

  it('too many groups for the profile (SPEC §1 port groups per user)', async () => {
    const small = await fakeApp({ ...TEST_PROFILE, groupsPerUser: 1 });
    try {
      small.store.groups.save({ name: 'g1', ports: [1] });
      small.store.groups.save({ name: 'g2', ports: [2] });
      await small.addUser('jdoe', 'P1');
      const line = 'USER SET jdoe GROUP=g1,g2';
      expect(await run(registry, contextFor(small, 'Admin'), line))
        .toEqual(err(line, 'GROUP=g1,g2', "ERR 17 - User change refused: User 'jdoe' may belong to at most 1 port groups"));
    } finally {
      small.close();
    }
  });

  it('anyone may change their own password, and only that, without the USER right', async () => {
    const jdoe = contextFor(app, 'jdoe');
    expect(await run(registry, jdoe, 'USER SET jdoe PASSWORD="new pw"')).toEqual([]);
    expect(await verifyPassword('new pw', app.store.users.get('jdoe')?.passwordHash ?? null)).toBe(true);
    await expectErr(jdoe, 'USER SET jdoe PASSWORD=abc ACCESS=PALL', 'ACCESS=PALL', 'ERR 04 - Insufficient privileges: needs the USER right');
    await expectErr(jdoe, 'USER SET Admin PASSWORD=abc', 'USER', 'ERR 04 - Insufficient privileges: needs the USER right');
    expect(access('jdoe')).toBe('P1,SMON');
    expect(app.audits).toEqual([{ user: 'jdoe', action: 'USER SET', detail: 'jdoe password set' }]);
  });

  it('an ADMIN cannot raise itself to APPLIANCEADMIN, nor change an APPLIANCEADMIN', async () => {
    await app.addUser('boss', 'PALL,USER,SMON,PCON,BREAK');
    const boss = contextFor(app, 'boss');
    await expectErr(boss, 'USER SET boss ACCESS=+SCON', 'ACCESS=+SCON', 'ERR 04 - Insufficient privileges: cannot grant SCON');
    await expectErr(boss, 'USER SET Admin PASSWORD=hijack', 'Admin', 'ERR 04 - Insufficient privileges: an ADMIN may not change an APPLIANCEADMIN');
    expect(await run(registry, boss, 'USER SET jdoe ACCESS=+BREAK')).toEqual([]);
    await app.addUser('p1user', 'P1,USER');
    await expectErr(contextFor(app, 'p1user'), 'USER SET jdoe ACCESS=PALL', 'ACCESS=PALL', 'ERR 04 - Insufficient privileges: cannot grant PALL');
  });
});

describe('USER DELETE', () => {
  it('deletes, tells a logged-in victim "Logged out by", and drops their port connection', async () => {
    await app.addUser('jdoe', 'PALL,SMON');
    const cli = app.login('jdoe');
    const onPort = app.login('jdoe', 2);
    expect(await run(registry, admin, 'USER DEL jdoe')).toEqual([]);
    expect(app.store.users.get('jdoe')).toBeNull();
    expect(cli.ended).toEqual([{ kind: 'loggedOut', user: 'Admin' }]);
    expect(onPort.ended).toEqual([{ kind: 'loggedOut', user: 'Admin' }]);
    expect(app.dispatched.at(-1)).toEqual({ type: 'logoutUser', user: 'jdoe', by: { user: 'Admin', level: 'APPLIANCEADMIN' } });
    expect(app.broker().ports[1]?.connections).toEqual([]);
    expect(app.audits.at(-1)).toEqual({ user: 'Admin', action: 'USER DELETE', detail: 'jdoe' });
  });

  it('refuses unknown users, yourself, and a higher level', async () => {
    await expectErr(admin, 'USER DELETE ghost', 'ghost', 'ERR 07 - No such user: ghost');
    await expectErr(admin, 'USER DELETE Admin', 'Admin', 'ERR 18 - Not permitted: you cannot delete yourself');
    await app.addUser('boss', 'PALL,USER,SMON,PCON,BREAK');
    await expectErr(contextFor(app, 'boss'), 'USER DELETE Admin', 'Admin', 'ERR 04 - Insufficient privileges: an ADMIN may not delete an APPLIANCEADMIN');
    expect(app.store.users.count()).toBe(2);
  });
});

describe('USER LOGOUT (SPEC §6; decided: an ADMIN may not log out an APPLIANCEADMIN)', () => {
  beforeEach(async () => {
    await app.addUser('boss', 'PALL,USER,SMON,PCON,BREAK');
    await app.addUser('chief', 'PALL,USER,SCON,SMON,PCON,BREAK');
    await app.addUser('jdoe', 'PALL,SMON');
  });

  it('ADMIN logs out a USER: port connections through the broker, logins told', async () => {
    const login = app.login('jdoe', 4);
    expect(await run(registry, contextFor(app, 'boss'), 'USER LOGOUT jdoe')).toEqual([]);
    expect(app.dispatched.at(-1)).toEqual({ type: 'logoutUser', user: 'jdoe', by: { user: 'boss', level: 'ADMIN' } });
    expect(login.ended).toEqual([{ kind: 'loggedOut', user: 'boss' }]);
    expect(app.broker().ports[3]?.connections).toEqual([]);
  });

  it('ADMIN may log out another ADMIN; APPLIANCEADMIN may log out anyone', async () => {
    await app.addUser('boss2', 'PALL,USER,SMON,PCON,BREAK');
    const boss2 = app.login('boss2');
    expect(await run(registry, contextFor(app, 'boss'), 'USER LOGOUT boss2')).toEqual([]);
    expect(boss2.ended).toHaveLength(1);
    const chief = app.login('chief');
    expect(await run(registry, admin, 'USER LOGOUT chief')).toEqual([]);
    expect(chief.ended).toEqual([{ kind: 'loggedOut', user: 'Admin' }]);
  });

  it('ADMIN may not log out an APPLIANCEADMIN', async () => {
    const chief = app.login('chief', 1);
    const dispatched = app.dispatched.length;
    await expectErr(contextFor(app, 'boss'), 'USER LOGOUT chief', 'chief',
      'ERR 04 - Insufficient privileges: an ADMIN may not log out an APPLIANCEADMIN');
    expect(chief.ended).toEqual([]);
    expect(app.dispatched.length).toBe(dispatched);
  });

  it('refuses a user with no session, an unknown user, and yourself', async () => {
    await expectErr(admin, 'USER LOGOUT jdoe', 'jdoe', 'ERR 08 - No such session: jdoe is not logged in');
    await expectErr(admin, 'USER LOGOUT ghost', 'ghost', 'ERR 07 - No such user: ghost');
    app.login('Admin');
    await expectErr(admin, 'USER LOGOUT Admin', 'Admin', 'ERR 18 - Not permitted: use QUIT to log yourself out');
    expect(app.audits).toEqual([]);
  });
});

describe('USER UNLOCK (decided like LOGOUT)', () => {
  const lock = (name: string) => {
    for (let i = 0; i < 5; i++) app.store.users.recordFailedLogin(name, lockoutPolicy(1), app.clock);
    expect(app.store.users.get(name)?.lockout.lockedUntil).not.toBeNull();
  };

  beforeEach(async () => {
    await app.addUser('boss', 'PALL,USER,SMON,PCON,BREAK');
    await app.addUser('chief', 'PALL,USER,SCON,SMON,PCON,BREAK');
    await app.addUser('jdoe', 'PALL,SMON');
  });

  it('ADMIN unlocks a USER', async () => {
    lock('jdoe');
    expect(await run(registry, contextFor(app, 'boss'), 'USER UNL jdoe')).toEqual([]);
    expect(app.store.users.get('jdoe')?.lockout).toEqual({ failures: 0, lockedUntil: null });
    expect(app.audits).toEqual([{ user: 'boss', action: 'USER UNLOCK', detail: 'jdoe' }]);
  });

  it('ADMIN may not unlock an APPLIANCEADMIN; an APPLIANCEADMIN may', async () => {
    lock('chief');
    await expectErr(contextFor(app, 'boss'), 'USER UNLOCK chief', 'chief',
      'ERR 04 - Insufficient privileges: an ADMIN may not unlock an APPLIANCEADMIN');
    expect(app.store.users.get('chief')?.lockout.lockedUntil).not.toBeNull();
    expect(await run(registry, admin, 'USER UNLOCK chief')).toEqual([]);
    expect(app.store.users.get('chief')?.lockout.lockedUntil).toBeNull();
  });

  it('an unknown user is an error', async () => {
    await expectErr(admin, 'USER UNLOCK ghost', 'ghost', 'ERR 07 - No such user: ghost');
  });
});
