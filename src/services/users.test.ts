/**
 * The user service called as the web API will call it: no CLI registry in front, so every rule
 * (USER right, levels, no escalation, self-service passwords) must hold here on its own. A real
 * SQLite store (test/support/fake-app.ts).
 */
import { describe, expect, it } from 'vitest';
import { TEST_PROFILE } from '../../test/support/fake-app.js';
import { admin, app, HTTP, useServiceApp } from '../../test/support/service-fixture.js';
import { openStore } from '../store/store.js';

useServiceApp();

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

  describe('the read side (issue 12 item 6)', () => {
    it('self() shows the rights taken at login; get() the stored ones; checks use the stored ones', async () => {
      await app.services.users.add(admin, 'jdoe', { password: 's3cret', access: set('PALL,SMON,PCON') });
      const jdoe = app.services.actor('jdoe', HTTP);
      const atLogin = app.store.users.get('jdoe')?.access ?? null;
      expect(await app.services.users.update(admin, 'jdoe', { access: set('P1,SMON') })).toEqual({ ok: true });
      const self = app.services.users.self(app.services.actor('jdoe', HTTP), atLogin);
      expect(self.ok && self.user).toMatchObject({ name: 'jdoe', access: 'PALL,SMON,PCON', level: 'ADMIN', portAccess: 'BY PORT' });
      const stored = app.services.users.get(jdoe, 'jdoe');
      expect(stored.ok && stored.user).toMatchObject({ access: 'P1,SMON', level: 'USER' });
      expect(app.services.actor('jdoe', HTTP).hasRight('PCON')).toBe(false);
      // No login rights given (an API call): the stored ones.
      const plain = app.services.users.self(jdoe, null);
      expect(plain.ok && plain.user.access).toBe('P1,SMON');
    });

    it('Last Login is kept in the database file', async () => {
      await app.services.users.add(admin, 'jdoe', { password: 's3cret' });
      expect(app.store.users.recordLogin('jdoe', 1_234_567)).toBe(true);
      expect(app.store.users.recordLogin('nobody', 1)).toBe(false);
      // A second connection to the same file reads what the first wrote.
      const again = openStore(app.dataDir, TEST_PROFILE);
      expect(again.users.get('jdoe')?.lastLoginAt).toBe(1_234_567);
      expect(again.users.get('Admin')?.lastLoginAt).toBeNull();
      again.close();
    });

    it('portAccess follows the BY GROUP rule; connections list every login of the user', async () => {
      await app.services.users.add(admin, 'jdoe', { password: 's3cret', access: set('P1-2') });
      const before = app.services.users.get(admin, 'jdoe');
      expect(before.ok && before.user.portAccess).toBe('BY PORT');
      app.store.groups.save({ name: 'lab', ports: [3] });
      const after = app.services.users.get(admin, 'jdoe');
      expect(after.ok && after.user.portAccess).toBe('BY GROUP');
      app.login('jdoe');
      app.login('jdoe', 2);
      app.login('Admin');
      const shown = app.services.users.get(admin, 'jdoe');
      expect(shown.ok && shown.user.connections.map((c) => c.port)).toEqual([null, 2]);
      expect(shown.ok && shown.user.logins).toBe(2);
    });
  });
});
