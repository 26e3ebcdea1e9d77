/** SERVER SHARE|CLI|SECURITY|SSH and SHOW SERVER (SPEC §4, §6, §9) against a real store. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_SETTINGS } from '../../store/server-settings-repository.js';
import { contextFor, errorLines, registryOf, run } from '../../../test/support/fake-app.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { ADMIN_COMMANDS } from './index.js';

const registry = registryOf(ADMIN_COMMANDS);

useCommandApp({ perFile: {
  seed: (app) => app.addUser('jdoe', 'P1'),
  reset: (app) => {
    app.store.server.set(DEFAULT_SERVER_SETTINGS);
    app.serverChanges = 0;
  },
} });

const err = errorLines;

describe('SERVER commands', () => {
  it.each([
    ['SERVER SHARE AUTO', { share: 'AUTO' }],
    ['ser sha dis timeout=45', { share: 'DISABLE', queryTimeoutSeconds: 45 }],
    ['SERVER SHARE TIM=5', { queryTimeoutSeconds: 5 }],
    ['SERVER CLI CHAR=^a TIMEOUT=0 HISTORY=clear', { cliChar: '^A', cliTimeoutMinutes: 0, cliHistory: 'CLEAR' }],
    ['SERVER SECURITY LOCKOUT=0', { lockoutHours: 0 }],
    ['SERVER SEC LOC=24', { lockoutHours: 24 }],
    ['SERVER SSH DISABLE', { sshEnabled: false }],
    ['server ssh ena auth=pw&key', { sshEnabled: true, sshAuth: 'PW&KEY' }],
    ['SERVER SSH AUTH="PW|KEY"', { sshAuth: 'PW|KEY' }],
    ['SERVER SSH AUTH=KEY', { sshAuth: 'KEY' }],
    ['SERVER SSH AUTH=PW|KEY', { sshAuth: 'PW|KEY' }],
    ['SERVER SSH AUTH=KEY|PW', { sshAuth: 'KEY|PW' }],
    ['SERVER SSH AUTH=key&pw', { sshAuth: 'KEY&PW' }],
    ['SERVER SSH ENABLE AUTH=PW&KEY', { sshAuth: 'PW&KEY' }],
    ['SERVER SECURITY LOCKOUT=99', { lockoutHours: 99 }],
    ['SERVER SECURITY LOCKOUT=1', { lockoutHours: 1 }],
  ])('%s stores %j, tells the running parts, audits', async (line, expected) => {
    expect(await run(registry, admin, line)).toEqual([]);
    expect(app.store.server.get()).toEqual({ ...DEFAULT_SERVER_SETTINGS, ...expected });
    expect(app.serverChanges).toBe(1);
    expect(app.audits).toHaveLength(1);
    expect(app.audits[0]?.action).toMatch(/^SERVER (SHARE|CLI|SECURITY|SSH)$/);
  });

  it.each([
    ['SERVER SHARE', 'ERR 02 - Missing parameter: DISABLE|AUTO|QUERY or TIMEOUT='],
    ['SERVER CLI', 'ERR 02 - Missing parameter: CHAR=, TIMEOUT= or HISTORY='],
    ['SERVER SECURITY', 'ERR 02 - Missing parameter: LOCKOUT= or AUTH='],
    ['SERVER SSH', 'ERR 02 - Missing parameter: ENABLE|DISABLE or AUTH='],
  ])('%s with nothing to change is refused', async (line, text) => {
    expect(await run(registry, admin, line)).toEqual([line, `${' '.repeat(line.length + 1)}-`, text]);
    expect(app.serverChanges).toBe(0);
  });

  it.each([
    ['SERVER SHARE SOMETIMES', 'SOMETIMES', 'ERR 03 - Invalid value: expected DISABLE|AUTO|QUERY'],
    ['SERVER SHARE TIMEOUT=0', 'TIMEOUT=0', 'ERR 03 - Invalid value: TIMEOUT expected a number 1-3600'],
    ['SERVER CLI CHAR=', 'CHAR=', 'ERR 03 - Invalid value: CHAR expected ^ followed by one character, e.g. ^D'],
    ['SERVER CLI CHAR=^[', 'CHAR=^[', 'ERR 03 - Invalid value: CHAR ^[ is reserved'],
    ['SERVER CLI HISTORY=FORGET', 'HISTORY=FORGET', 'ERR 03 - Invalid value: HISTORY expected KEEP|CLEAR'],
    ['SERVER SECURITY LOCKOUT=9999', 'LOCKOUT=9999', 'ERR 03 - Invalid value: LOCKOUT expected a number 0-99'],
    ['SERVER SECURITY LOCKOUT=100', 'LOCKOUT=100', 'ERR 03 - Invalid value: LOCKOUT expected a number 0-99'],
    ['SERVER SSH AUTH=PW+KEY', 'AUTH=PW+KEY', 'ERR 03 - Invalid value: AUTH expected PW, KEY, PW|KEY, KEY|PW, PW&KEY, KEY&PW'],
  ])('%s is refused', async (line, token, text) => {
    expect(await run(registry, admin, line)).toEqual(err(line, token, text));
    expect(app.store.server.get()).toEqual(DEFAULT_SERVER_SETTINGS);
  });
});

describe('SHOW SERVER', () => {
  it('shows every section to any user, and the same as data', async () => {
    const jdoe = contextFor(app, 'jdoe');
    expect(await run(registry, jdoe, 'SHOW SERVER')).toEqual([
      // Issue 12 item 11: the appliance first; the fake run began an hour before its clock.
      'Time:               2023-11-14T22:13:20Z',
      'Uptime:             0d 01:00:00',
      'Started:            2023-11-14T21:13:20Z',
      'Profile:            ccm850 (8 ports)',
      'MAC address:        02:00:5e:3a:0f:c2',
      'Share mode:         QUERY',
      'Share timeout:      30 s',
      'CLI char:           ^D',
      'CLI timeout:        15 min',
      'CLI history:        KEEP',
      'Lockout:            1 h after 5 failed logins',
      'Authentication:     LOCAL',
      'SSH:                ENABLED',
      'SSH auth:           PW|KEY',
      'RADIUS primary:     -',
      'RADIUS secondary:   -',
      'RADIUS secrets:     -',
      'RADIUS timeout:     3 s, 1 retry',
      'RADIUS default:     NONE',
      'LDAP primary:       -',
      'LDAP secondary:     -',
      'LDAP base:          -',
      'LDAP bind DN:       (anonymous)',
      'LDAP bind password: -',
      'LDAP user attr:     uid',
      'LDAP timeout:       3 s',
      'LDAP default:       NONE',
      'TACACS primary:     -',
      'TACACS secondary:   -',
      'TACACS secrets:     -',
      'TACACS timeout:     3 s',
      'TACACS login:       ASCII',
      'TACACS service:     ccmd',
      'TACACS default:     NONE',
    ]);
    expect(jdoe.json[0]).toMatchObject({ ...DEFAULT_SERVER_SETTINGS, time: app.clock, startedAt: app.clock - 3_600_000, uptimeSeconds: 3600 });
  });

  it('one section by (abbreviated) name', async () => {
    await run(registry, admin, 'SERVER SECURITY LOCKOUT=0');
    expect(await run(registry, admin, 'sho ser sec')).toEqual(['Lockout:        off', 'Authentication: LOCAL']);
    expect(admin.json).toEqual([{ lockoutHours: 0, auth: ['LOCAL'] }]);
    expect(await run(registry, admin, 'SHOW SERVER CLI')).toEqual(['CLI char:    ^D', 'CLI timeout: 15 min', 'CLI history: KEEP']);
  });
});
