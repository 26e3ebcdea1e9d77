/** Issue 15: SERVER SECURITY AUTH=, SERVER RADIUS|LDAP|LDAP GROUP|TACACS, SHOW SERVER RADIUS... */
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_SETTINGS } from '../../store/auth-settings-repository.js';
import { contextFor, errorLines, registryOf, run } from '../../../test/support/fake-app.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { ADMIN_COMMANDS } from './index.js';

const registry = registryOf(ADMIN_COMMANDS);
useCommandApp({ perFile: {
  seed: (app) => app.addUser('jdoe', 'P1'),
  reset: (app) => app.store.auth.set(DEFAULT_AUTH_SETTINGS),
} });

describe('SERVER RADIUS / TACACS', () => {
  it('stores servers with ports and secrets, keeps a secret when only the address changes', async () => {
    expect(await run(registry, admin, 'SERVER RADIUS PRIMARY=10.0.0.5 PSECRET=s3cret SECONDARY=radius2.example:1645 SSECRET=other TIMEOUT=2 RETRIES=3 DEFAULT=pall,smon')).toEqual([]);
    expect(app.store.auth.get().radius).toEqual({
      primary: { host: '10.0.0.5', port: 1812, secret: 's3cret' },
      secondary: { host: 'radius2.example', port: 1645, secret: 'other' },
      timeoutSeconds: 2, retries: 3, defaultAccess: 'PALL,SMON',
    });
    expect(await run(registry, admin, 'SER RAD PRI=10.0.0.6:11812')).toEqual([]);
    expect(app.store.auth.get().radius.primary).toEqual({ host: '10.0.0.6', port: 11812, secret: 's3cret' });
    expect(app.audits.map((a) => a.detail)).toEqual([
      'radius.primary.host=10.0.0.5 radius.primary.port=1812 radius.primary.secret=(set) radius.secondary.host=radius2.example radius.secondary.port=1645 radius.secondary.secret=(set) radius.timeoutSeconds=2 radius.retries=3 radius.defaultAccess=PALL,SMON',
      'radius.primary.host=10.0.0.6 radius.primary.port=11812',
    ]);
  });

  it('TACACS+ with IPv6, PAP login and a service name', async () => {
    expect(await run(registry, admin, 'SERVER TACACS PRIMARY=[::1]:4949 PSECRET=k LOGIN=pap SERVICE=console DEFAULT=ADMIN')).toEqual([]);
    expect(app.store.auth.get().tacacs).toMatchObject({
      primary: { host: '::1', port: 4949, secret: 'k' }, login: 'PAP', service: 'console', defaultAccess: 'ADMIN',
    });
  });

  it.each([
    ['SERVER RADIUS PRIMARY=10.0.0.5', 'PRIMARY=10.0.0.5', 'ERR 51 - Shared secret required: the primary server needs one'],
    ['SERVER RADIUS PSECRET=abc', 'PSECRET=abc', 'ERR 50 - No authentication server configured: no primary server to set the secret of'],
    ['SERVER RADIUS PRIMARY=a:99999 PSECRET=x', 'PRIMARY=a:99999', 'ERR 03 - Invalid value: PRIMARY expected host, host:port or NONE'],
    ['SERVER RADIUS DEFAULT=ROOT', 'DEFAULT=ROOT', "ERR 03 - Invalid value: 'ROOT' is not APPLIANCEADMIN, ADMIN or an access list like P1-4,SMON"],
    ['SERVER TACACS LOGIN=CHAP', 'LOGIN=CHAP', 'ERR 03 - Invalid value: LOGIN expected ASCII|PAP'],
  ])('%s is refused and changes nothing', async (line, token, text) => {
    const echoed = errorLines(line, token, text);
    echoed[0] = line.replace(/(PSECRET=)(\S+)/, (_m, k: string, v: string) => k + '*'.repeat(v.length));
    expect(await run(registry, admin, line)).toEqual(echoed);
    expect(app.store.auth.get()).toEqual(DEFAULT_AUTH_SETTINGS);
  });

  it('needs SCON', async () => {
    expect((await run(registry, contextFor(app, 'jdoe'), 'SERVER RADIUS PRIMARY=a PSECRET=b')).at(-1))
      .toBe('ERR 04 - Insufficient privileges: needs the SCON right');
  });
});

describe('SERVER LDAP and LDAP GROUP', () => {
  it('stores the server, base, service account and group mappings', async () => {
    expect(await run(registry, admin, 'SERVER LDAP PRIMARY=ldaps://dir.example BASE=dc=example,dc=org BINDDN=cn=svc,dc=example,dc=org BINDPW=svc-pw USERATTR=sAMAccountName')).toEqual([]);
    expect(await run(registry, admin, 'SERVER LDAP GROUP DN=cn=ops,ou=groups,dc=example,dc=org ACCESS=P1-4,SMON')).toEqual([]);
    expect(await run(registry, admin, 'SERVER LDAP GROUP DN="cn=admins, ou=groups, dc=example, dc=org" ACCESS=ADMIN')).toEqual([]);
    expect(app.store.auth.get().ldap).toMatchObject({
      primary: { host: 'dir.example', port: 636, tls: true }, baseDn: 'dc=example,dc=org', bindDn: 'cn=svc,dc=example,dc=org',
      bindPassword: 'svc-pw', userAttribute: 'sAMAccountName',
      groups: [{ dn: 'cn=ops,ou=groups,dc=example,dc=org', access: 'P1-4,SMON' }, { dn: 'cn=admins, ou=groups, dc=example, dc=org', access: 'ADMIN' }],
    });
    // The same group written differently replaces the mapping; NONE removes it.
    expect(await run(registry, admin, 'SERVER LDAP GROUP DN=CN=Ops,OU=groups,DC=example,DC=org ACCESS=P5')).toEqual([]);
    expect(await run(registry, admin, 'SERVER LDAP GROUP DN=cn=admins,ou=groups,dc=example,dc=org ACCESS=NONE')).toEqual([]);
    expect(app.store.auth.get().ldap.groups).toEqual([{ dn: 'CN=Ops,OU=groups,DC=example,DC=org', access: 'P5' }]);
    expect(app.audits[0]?.detail).not.toContain('svc-pw');
  });
});

describe('SERVER SECURITY AUTH=', () => {
  it('refuses a remote method with no server (ERR 50), then accepts it once configured', async () => {
    expect(await run(registry, admin, 'SERVER SECURITY AUTH=RADIUS,LOCAL')).toEqual(errorLines(
      'SERVER SECURITY AUTH=RADIUS,LOCAL', 'AUTH=RADIUS,LOCAL',
      'ERR 50 - No authentication server configured: set SERVER RADIUS PRIMARY= first'));
    await run(registry, admin, 'SERVER RADIUS PRIMARY=127.0.0.1 PSECRET=x');
    expect(await run(registry, admin, 'server sec auth=radius,local lockout=2')).toEqual([]);
    expect(app.store.auth.get().methods).toEqual(['RADIUS', 'LOCAL']);
    expect(app.store.server.get().lockoutHours).toBe(2);
    expect(app.audits.map((a) => `${a.action} ${a.detail}`)).toContain('SERVER SECURITY methods=RADIUS,LOCAL');
  });

  it('a server in use cannot be removed (ERR 52)', async () => {
    await run(registry, admin, 'SERVER TACACS PRIMARY=127.0.0.1 PSECRET=x');
    await run(registry, admin, 'SERVER SECURITY AUTH=TACACS');
    expect((await run(registry, admin, 'SERVER TACACS PRIMARY=NONE')).at(-1))
      .toBe('ERR 52 - Authentication method in use: AUTH= lists TACACS; change SERVER SECURITY AUTH= first');
  });

  it.each([
    ['SERVER SECURITY AUTH=KERBEROS', 'ERR 03 - Invalid value: AUTH expected a list of LOCAL, RADIUS, LDAP, TACACS'],
    ['SERVER SECURITY AUTH=LOCAL,LOCAL', 'ERR 03 - Invalid value: AUTH a method is listed twice'],
  ])('%s is refused', async (line, text) => {
    expect((await run(registry, admin, line)).at(-1)).toBe(text);
  });
});

describe('SHOW SERVER RADIUS|LDAP|TACACS', () => {
  it('shows servers and whether secrets are set, never the secrets', async () => {
    await run(registry, admin, 'SERVER RADIUS PRIMARY=10.0.0.5 PSECRET=topsecret1 DEFAULT=PALL,SMON');
    await run(registry, admin, 'SERVER LDAP PRIMARY=dir.example BINDDN=cn=svc BINDPW=bindsecret1');
    await run(registry, admin, 'SERVER SECURITY AUTH=RADIUS,LOCAL');
    const jdoe = contextFor(app, 'jdoe');
    expect(await run(registry, jdoe, 'SHOW SERVER RADIUS')).toEqual([
      'RADIUS primary:   10.0.0.5:1812',
      'RADIUS secondary: -',
      'RADIUS secrets:   set (not shown)',
      'RADIUS timeout:   3 s, 1 retry',
      'RADIUS default:   PALL,SMON',
    ]);
    const all = (await run(registry, jdoe, 'SHOW SERVER')).join('\n') + JSON.stringify(jdoe.json);
    expect(all).toContain('Authentication:     RADIUS,LOCAL');
    expect(all).toContain('LDAP bind password: set (not shown)');
    expect(all).not.toMatch(/topsecret1|bindsecret1/);
  });
});
