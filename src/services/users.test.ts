/**
 * The user service called as the web API will call it: no CLI registry in front, so every rule
 * (USER right, levels, no escalation, self-service passwords) must hold here on its own. A real
 * SQLite store (test/support/fake-app.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApp, type FakeApp } from '../../test/support/fake-app.js';
import type { Actor } from './types.js';

const HTTP = { method: 'http', address: '192.0.2.7' };
let app: FakeApp;
let admin: Actor;

beforeEach(async () => {
  app = await fakeApp();
  admin = app.services.actor('Admin', HTTP);
});
afterEach(() => app.close());

const set = (list: string) => ({ op: 'set' as const, list });

describe('UserService', () => {
  it('adds a user, audits who and from where, never the password', async () => {
    expect(await app.services.users.add(admin, 'jdoe', { password: 's3cret', access: set('P1-2,SMON') })).toEqual({ ok: true });
    const got = app.services.users.get(admin, 'jdoe');
    expect(got.ok && got.user).toMatchObject({ name: 'jdoe', level: 'USER', access: 'P1-2,SMON', password: true });
    const entry = app.store.audit.recent().at(-1);
    expect(entry).toMatchObject({ user: 'Admin', from: 'http 192.0.2.7', action: 'USER ADD', detail: 'jdoe password set access=P1-2,SMON' });
    expect(JSON.stringify(app.store.audit.recent())).not.toContain('s3cret');
  });

  it('refuses a caller without the USER right, with no write', async () => {
    await app.services.users.add(admin, 'jdoe', { password: 's3cret' });
    const jdoe = app.services.actor('jdoe', HTTP);
    const refused = await app.services.users.add(jdoe, 'mallory', { password: 's3cret' });
    expect(refused).toMatchObject({ ok: false, error: { code: 4, detail: 'needs the USER right' } });
    expect(app.store.users.get('mallory')).toBeNull();
    expect(app.services.users.list(jdoe)).toMatchObject({ ok: false, error: { code: 4 } });
    expect(app.services.users.get(jdoe, 'Admin')).toMatchObject({ ok: false, error: { code: 4 } });
  });

  it('lets anyone change their own password, and nothing else', async () => {
    await app.services.users.add(admin, 'jdoe', { password: 's3cret' });
    const jdoe = app.services.actor('jdoe', HTTP);
    expect(await app.services.users.update(jdoe, 'jdoe', { password: 'other1' })).toEqual({ ok: true });
    expect(await app.services.users.update(jdoe, 'jdoe', { access: set('PALL,USER') }))
      .toMatchObject({ ok: false, error: { code: 4 }, field: 'access' });
  });

  it('an ADMIN grants no right it lacks and acts on no APPLIANCEADMIN', async () => {
    await app.services.users.add(admin, 'boss', { password: 's3cret', access: set('PALL,USER,SMON,PCON,BREAK') });
    const boss = app.services.actor('boss', HTTP);
    expect(boss.level).toBe('ADMIN');
    expect(await app.services.users.add(boss, 'jdoe', { password: 's3cret', access: set('PALL,SCON') }))
      .toMatchObject({ ok: false, error: { code: 4, detail: 'cannot grant SCON' }, field: 'access' });
    expect(app.services.users.delete(boss, 'Admin'))
      .toMatchObject({ ok: false, error: { code: 4, detail: 'an ADMIN may not delete an APPLIANCEADMIN' }, field: 'name' });
    expect(app.services.users.unlock(boss, 'Admin')).toMatchObject({ ok: false, error: { code: 4 } });
    expect(app.store.users.get('Admin')).not.toBeNull();
  });

  it('blames the field a store rule is about', async () => {
    expect(await app.services.users.add(admin, 'jdoe', { password: 'ab' }))
      .toMatchObject({ ok: false, error: { code: 17 }, field: 'password' });
    expect(await app.services.users.add(admin, 'jd', { password: 's3cret' }))
      .toMatchObject({ ok: false, error: { code: 17 }, field: 'name' });
    expect(await app.services.users.update(admin, 'nobody', { password: 's3cret' }))
      .toMatchObject({ ok: false, error: { code: 7, detail: 'nobody' }, field: 'name' });
  });

  it('deleting a logged-in user ends their logins and port connections through the runtime', async () => {
    await app.services.users.add(admin, 'jdoe', { password: 's3cret' });
    const login = app.login('jdoe', 2);
    expect(app.services.users.delete(admin, 'jdoe')).toEqual({ ok: true });
    expect(login.ended).toEqual([{ kind: 'loggedOut', user: 'Admin' }]);
    expect(app.dispatched.at(-1)).toEqual({ type: 'logoutUser', user: 'jdoe', by: { user: 'Admin', level: 'APPLIANCEADMIN' } });
    expect(app.broker().ports[1]?.connections).toEqual([]);
  });

  it('the console holds every right, PALL included', async () => {
    const console = app.services.actor('(console)', { method: 'console', address: '' });
    expect(await app.services.users.add(console, 'ops', { password: 's3cret', access: set('PALL,USER,SCON') })).toEqual({ ok: true });
  });
});
