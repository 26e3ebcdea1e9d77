/**
 * Issue 12 items 1-3 through the real registry and store: the manual's own examples verbatim,
 * level names in ACCESS=, the manual's level rule as SHOW USER and the ADMIN limits see it, and
 * the console granting anything.
 */
import { describe, expect, it } from 'vitest';
import { formatAccessList, levelOf } from '../../domain/rights.js';
import { verifyPassword } from '../../store/passwords.js';
import { contextFor, errorLines, registryOf, run, type TestContext } from '../../../test/support/fake-app.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { ADMIN_COMMANDS } from './index.js';

const registry = registryOf(ADMIN_COMMANDS);

useCommandApp();

const access = (name: string) => {
  const user = app.store.users.get(name);
  return user === null ? null : formatAccessList(user.access);
};
const level = (name: string) => {
  const user = app.store.users.get(name);
  return user === null ? null : levelOf(user.access);
};

/** The serial console: `(console)` over the control socket, every right (SPEC §9). */
function consoleContext(): TestContext {
  const base = contextFor(app, 'Admin');
  return {
    ...base,
    user: '(console)',
    client: { method: 'console', address: '', remotePort: 0, host: 'localhost', listener: 'console' },
    level: 'APPLIANCEADMIN',
    hasRight: () => true,
  };
}

describe("the manual's examples, verbatim", () => {
  it('user add JDoe access=applianceadmin (the password is asked for at the login)', async () => {
    admin.session?.secrets.push('jdoe-pw1', 'jdoe-pw1');
    expect(await run(registry, admin, 'user add JDoe access=applianceadmin')).toEqual([]);
    expect(access('JDoe')).toBe('PALL,USER,SCON,SMON,PCON,BREAK');
    expect(level('JDoe')).toBe('APPLIANCEADMIN');
  });

  it('user set JohnDoe access=pall,scon,smon', async () => {
    await app.addUser('JohnDoe', 'P1');
    expect(await run(registry, admin, 'user set JohnDoe access=pall,scon,smon')).toEqual([]);
    expect(access('JohnDoe')).toBe('PALL,SCON,SMON');
    // SCON => APPLIANCEADMIN (the manual's SHOW USER ALL Level field).
    expect(level('JohnDoe')).toBe('APPLIANCEADMIN');
  });
});

describe('level names in ACCESS=', () => {
  it.each([
    ['ACCESS=ADMIN', 'PALL,USER,SMON,PCON,BREAK', 'ADMIN'],
    ['ACCESS=APPLIANCEADMIN', 'PALL,USER,SCON,SMON,PCON,BREAK', 'APPLIANCEADMIN'],
    ['ACCESS=USER', 'PALL,SMON', 'USER'],
    ['acc=admin', 'PALL,USER,SMON,PCON,BREAK', 'ADMIN'],
  ])('USER ADD with %s gives %s (%s)', async (param, rights, lvl) => {
    expect(await run(registry, admin, `USER ADD jdoe PASSWORD=secret ${param}`)).toEqual([]);
    expect(access('jdoe')).toBe(rights);
    expect(level('jdoe')).toBe(lvl);
  });

  it('ACCESS=+ADMIN adds the ADMIN rights to what the user holds', async () => {
    await app.addUser('jdoe', 'P1-2');
    expect(await run(registry, admin, 'USER SET jdoe ACCESS=+ADMIN')).toEqual([]);
    expect(access('jdoe')).toBe('PALL,USER,SMON,PCON,BREAK');
  });

  it('an ADMIN may not grant APPLIANCEADMIN by its name (it holds no SCON)', async () => {
    await app.addUser('boss', 'PALL,USER,SMON,PCON,BREAK');
    const line = 'USER ADD jdoe PASSWORD=secret ACCESS=APPLIANCEADMIN';
    expect(await run(registry, contextFor(app, 'boss'), line))
      .toEqual(errorLines(line, 'ACCESS=APPLIANCEADMIN', 'ERR 04 - Insufficient privileges: cannot grant SCON'));
    expect(app.store.users.get('jdoe')).toBeNull();
  });
});

describe('the level rule decides who outranks whom', () => {
  it('P1,PCON is an ADMIN that an ADMIN may change; SCON is an APPLIANCEADMIN it may not', async () => {
    await app.addUser('porter', 'P1,PCON');
    await app.addUser('keeper', 'PALL,USER,SMON,PCON,BREAK');
    expect(level('porter')).toBe('ADMIN');
    expect(await run(registry, contextFor(app, 'keeper'), 'USER SET porter ACCESS=+BREAK')).toEqual([]);
    await app.addUser('chief', 'PALL,SCON');
    expect(level('chief')).toBe('APPLIANCEADMIN');
    const line = 'USER SET chief ACCESS=-SCON';
    expect(await run(registry, contextFor(app, 'keeper'), line))
      .toEqual(errorLines(line, 'chief', 'ERR 04 - Insufficient privileges: an ADMIN may not change an APPLIANCEADMIN'));
  });
});

describe('the console may grant anything (issue 12 item 3)', () => {
  it('grants PALL and every right; the database holds no (console) user', async () => {
    await app.addUser('jdoe', 'P1');
    const ctx = consoleContext();
    expect(await run(registry, ctx, 'USER SET jdoe ACCESS=PALL,SCON')).toEqual([]);
    expect(access('jdoe')).toBe('PALL,SCON');
    expect(await run(registry, ctx, 'USER ADD ops PASSWORD=secret ACCESS=APPLIANCEADMIN')).toEqual([]);
    expect(access('ops')).toBe('PALL,USER,SCON,SMON,PCON,BREAK');
  });

  it('a database user without PALL still cannot grant it', async () => {
    await app.addUser('p1user', 'P1,USER');
    await app.addUser('jdoe', 'P1');
    const line = 'USER SET jdoe ACCESS=+PALL';
    expect(await run(registry, contextFor(app, 'p1user'), line))
      .toEqual(errorLines(line, 'ACCESS=+PALL', 'ERR 04 - Insufficient privileges: cannot grant PALL'));
  });
});

describe('USER SET without a name (issue 12 item 5)', () => {
  it('changes your own password, with no right needed', async () => {
    await app.addUser('jdoe', 'P1');
    const jdoe = contextFor(app, 'jdoe');
    expect(await run(registry, jdoe, 'USER SET PASSWORD=new-pw1')).toEqual([]);
    expect(await verifyPassword('new-pw1', app.store.users.get('jdoe')?.passwordHash ?? null)).toBe(true);
    expect(app.audits.at(-1)).toEqual({ user: 'jdoe', action: 'USER SET', detail: 'jdoe password set' });
  });

  it('anything but the password still needs the USER right, even for yourself', async () => {
    await app.addUser('jdoe', 'P1');
    const line = 'USER SET ACCESS=+P2';
    expect(await run(registry, contextFor(app, 'jdoe'), line))
      .toEqual(errorLines(line, 'ACCESS=+P2', 'ERR 04 - Insufficient privileges: needs the USER right'));
    expect(access('jdoe')).toBe('P1');
  });
});
