/** Issue 15: ccmd's LDAP client (ldapts) against Debian's slapd. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LdapBackend } from '../../src/auth/ldap/ldap-client.js';
import { DEFAULT_AUTH_SETTINGS, type LdapSettings } from '../../src/store/auth-settings-repository.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, startSlapd, type Slapd } from '../support/slapd.js';
import { freeTcpPort } from '../support/slapd.js';

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd(
    [{ uid: 'ldops', password: 'ops-pass-1' }, { uid: 'ldboth', password: 'both-pass-1' }, { uid: 'ldnone', password: 'none-pass-1' }],
    [{ cn: 'ops', members: ['ldops', 'ldboth'] }, { cn: 'breakers', members: ['ldboth'] }],
  );
});
afterAll(async () => { await slapd?.stop(); });

function settings(patch: Partial<LdapSettings> = {}): LdapSettings {
  return {
    ...DEFAULT_AUTH_SETTINGS.ldap, primary: { host: '127.0.0.1', port: slapd.port, tls: false }, baseDn: BASE_DN,
    bindDn: SERVICE_DN, bindPassword: SERVICE_PASSWORD, timeoutSeconds: 1,
    groups: [{ dn: slapd.groupDn('ops'), access: 'P1-4,SMON' }, { dn: `CN=Breakers, OU=groups, ${BASE_DN}`, access: 'BREAK' }],
    ...patch,
  };
}

describe('LDAP against slapd', () => {
  it('finds the user, binds as them, and maps their groups to grants', async () => {
    const started = performance.now();
    expect(await new LdapBackend(settings()).check('ldops', 'ops-pass-1'))
      .toEqual({ kind: 'accept', server: `127.0.0.1:${slapd.port}`, grants: ['P1-4,SMON'] });
    console.log(`LDAP accept (service bind, 2 searches, user bind): ${(performance.now() - started).toFixed(1)} ms`);
    expect(await new LdapBackend(settings()).check('ldboth', 'both-pass-1')).toMatchObject({ grants: ['P1-4,SMON', 'BREAK'] });
    expect(await new LdapBackend(settings()).check('ldnone', 'none-pass-1')).toMatchObject({ kind: 'accept', grants: [] });
  });

  it('a wrong password, an unknown user, an empty password and a filter injection are noes', async () => {
    expect(await new LdapBackend(settings()).check('ldops', 'wrong')).toMatchObject({ kind: 'reject', detail: 'wrong password' });
    expect(await new LdapBackend(settings()).check('nobody', 'x')).toMatchObject({ kind: 'reject', detail: 'no such user' });
    expect(await new LdapBackend(settings()).check('ldops', '')).toMatchObject({ kind: 'reject', detail: 'empty password' });
    expect(await new LdapBackend(settings()).check('*', 'ops-pass-1')).toMatchObject({ kind: 'reject', detail: 'no such user' });
  });

  it('a wrong service password is no answer; a down server fails over to the second', async () => {
    expect((await new LdapBackend(settings({ bindPassword: 'nope' })).check('ldops', 'ops-pass-1')).kind).toBe('unreachable');
    const down = await freeTcpPort();
    const primary = { host: '127.0.0.1', port: down, tls: false };
    expect((await new LdapBackend(settings({ primary, secondary: null })).check('ldops', 'ops-pass-1')).kind).toBe('unreachable');
    expect(await new LdapBackend(settings({ primary, secondary: { host: '127.0.0.1', port: slapd.port, tls: false } }))
      .check('ldops', 'ops-pass-1')).toMatchObject({ kind: 'accept', grants: ['P1-4,SMON'] });
  });
});
