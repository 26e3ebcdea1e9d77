/**
 * SHOW PORT and SHOW USER (SPEC §6): who sees what, including the SPEC §3 BY GROUP rule
 * (once any port group exists, users without PALL reach ports only through their groups).
 */
import { describe, expect, it } from 'vitest';
import { lockoutPolicy } from '../../domain/lockout.js';
import { parseAccessList } from '../../domain/rights.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { contextFor, FakeLogin, registryOf, run, TEST_CLIENT, type TestContext } from '../../../test/support/fake-app.js';
import { ADMIN_COMMANDS } from './index.js';

const registry = registryOf(ADMIN_COMMANDS);

let jdoe: TestContext;

useCommandApp({
  beforeEachTest: async () => {
    await app.addUser('jdoe', 'P1-2');
    jdoe = contextFor(app, 'jdoe');
  },
});

const portsIn = (ctx: TestContext) => {
  const last = ctx.json.at(-1) as { ports: { port: number }[] };
  return last.ports.map((p) => p.port);
};

describe('SHOW PORT and the BY GROUP rule (SPEC §3)', () => {
  it('without groups, a user sees the ports of their own access list', async () => {
    await run(registry, jdoe, 'SHOW PORT NAMES');
    expect(portsIn(jdoe)).toEqual([1, 2]);
    await run(registry, admin, 'SHOW PORT NAMES');
    expect(portsIn(admin)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('once a group exists, P<n> entries stop counting; membership decides', async () => {
    await run(registry, admin, 'PORT 5-6 SET GROUP=lab');
    expect(await run(registry, jdoe, 'SHOW PORT NAMES')).toEqual(['Port  Name']);
    expect(await run(registry, jdoe, 'SHOW PORT 1')).toEqual(['SHOW PORT 1', '          -', 'ERR 04 - Insufficient privileges: port 1']);
    expect(await run(registry, admin, 'USER SET jdoe GROUP=lab')).toEqual([]);
    await run(registry, admin, 'PORT 5 SET NAME=router5');
    expect(await run(registry, jdoe, 'SHOW PORT NAMES')).toEqual(['Port  Name', '5     router5', '6     3A-0F-C2-P6']);
    expect(await run(registry, jdoe, 'SHOW PORT GROUPS')).toEqual(['Group  Ports', 'lab    5-6']);
  });

  it('PALL and SMON holders see every port whatever the groups', async () => {
    await run(registry, admin, 'PORT 5 SET GROUP=lab');
    await app.addUser('watcher', 'P1,SMON');
    const watcher = contextFor(app, 'watcher');
    await run(registry, watcher, 'SHOW PORT');
    expect(portsIn(watcher)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await run(registry, admin, 'SHOW PORT ALL');
    expect(portsIn(admin)).toHaveLength(8);
  });

  it('the ALL table', async () => {
    await run(registry, admin, 'PORT 1 SET NAME=router1 BAUD=115200 PARITY=EVEN TIMEOUT=0 CHAR=^B SHARE=AUTO LOG=OFF');
    const lines = await run(registry, jdoe, 'SHOW PORT');
    expect(lines).toEqual([
      'Port  Name         Baud    Format  Flow  Timeout          Char         Share           Log  Status  Users',
      '1     router1      115200  8E1     NONE  server (15 min)  ^B           AUTO            OFF  open    0',
      '2     3A-0F-C2-P2  9600    8N1     NONE  15 min           ^D (server)  SERVER (QUERY)  ON   open    0',
    ]);
  });

  it('one port in detail, by number or name, with its data: power status, counters, who is connected', async () => {
    await run(registry, admin, 'PORT 2 SET NAME=sw2 SOCKET=4002 POWER=CTS,LOW TOGGLE=DTR');
    await app.addUser('xavier', 'PALL');
    app.login('xavier', 2);
    app.port(2).counters = { rxBytes: 4711, txBytes: 12, droppedBytes: 0, errors: 1 };
    const lines = await run(registry, jdoe, 'show port sw2');
    const session = (app.broker().ports[1]?.session?.id ?? '') as string;
    expect(lines).toEqual([
      'Port:          2', 'Name:          sw2', 'TD:            CONSOLE', 'Baud:          9600', 'Size:          8',
      'Parity:        NONE', 'Stop:          1', 'Flow:          NONE', 'Timeout:       15 min', 'Char:          ^D (server)',
      'Share:         SERVER (QUERY)', 'Socket:        4002', 'Log:           ON', 'Power:         CTS,LOW',
      // FakePort's lines: CTS high, and LOW means on, so the device is off.
      'Power status:  OFF (CTS high)', 'Toggle:        DTR', 'Status:        open', 'TX bytes:      12',
      'RX bytes:      4711', 'Dropped bytes: 0', 'Errors:        1', 'Users:         1',
      '  User    Session  Mode', `  xavier  ${session.padEnd(7)}  rw`,
    ]);
    expect(session).toMatch(/^S\d+$/);
    expect(jdoe.json.at(-1)).toMatchObject({
      port: { port: 2, name: 'sw2', socket: 4002, users: 1, status: 'open', counters: { rxBytes: 4711 }, connections: [{ user: 'xavier', mode: 'rw' }] },
      power: { power: 'CTS,LOW', state: 'OFF' },
    });
  });

  it('power status on a device without modem lines says so, as PORT BREAK does', async () => {
    await run(registry, admin, 'PORT 3 SET POWER=DSR');
    app.port(3).lines = null;
    expect(await run(registry, admin, 'SHOW PORT 3')).toContain('Power status:  not supported by this device');
    app.port(3).lines = 'closed';
    expect(await run(registry, admin, 'SHOW PORT 3')).toContain('Power status:  unknown (device unavailable)');
    expect(await run(registry, admin, 'SHOW PORT 4')).toContain('Power status:  -');
  });

  it('unknown ports and groups listing', async () => {
    expect(await run(registry, admin, 'SHOW PORT 12')).toEqual(['SHOW PORT 12', '          --', 'ERR 06 - Port out of range: 1-8']);
    expect(await run(registry, admin, 'SHOW PORT GRO')).toEqual(['No port groups']);
  });
});

describe('SHOW USER (issue 12 item 6: the manual\'s layouts)', () => {
  it('with no name, your own record in the manual\'s fields, for anyone; never the password', async () => {
    const lines = await run(registry, jdoe, 'SHOW USER');
    expect(lines).toEqual([
      'User:          jdoe',
      'Level:         USER',
      'Access:        P1-2',
      'Port Access:   BY PORT',
      'Locked:        NO',
      'Last Login:    never',
      'Source:        LOCAL',
      'Groups:        -',
      'Pass:          YES',
      'Failed logins: 0',
    ]);
    const text = JSON.stringify(jdoe.json);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain('pw-jdoe');
    expect(jdoe.json).toEqual([{ user: expect.objectContaining({ name: 'jdoe', password: true, keys: [], portAccess: 'BY PORT', connections: [] }) }]);
  });

  it('with no name shows the rights taken at login; with your name, the stored ones (the manual\'s example)', async () => {
    // The manual: Admin logs in with PALL; `User Set Admin Access=-PALL` changes the database;
    // SHOW USER still shows PALL, SHOW USER Admin shows the access without it.
    const before = contextFor(app, 'Admin');
    expect(await run(registry, before, 'USER SET Admin ACCESS=-PALL')).toEqual([]);
    const own = await run(registry, before, 'SHOW USER');
    expect(own).toContain('Access:        PALL,USER,SCON,SMON,PCON,BREAK');
    expect(await run(registry, before, 'SHOW USER Admin')).toContain('Access:        USER,SCON,SMON,PCON,BREAK');
    // The rights checks still use the rights held now (services read them per request).
    expect(before.hasRight('SCON')).toBe(true);
  });

  it('your own record by name is allowed; others need USER', async () => {
    expect(await run(registry, jdoe, 'SHOW USER jdoe')).toHaveLength(10);
    expect(await run(registry, jdoe, 'SHOW USER Admin')).toEqual(['SHOW USER Admin', '          -----', 'ERR 04 - Insufficient privileges: needs the USER right']);
  });

  it('Port Access is BY GROUP once any port group exists, unless the user has PALL', async () => {
    expect(await run(registry, admin, 'PORT 1 SET GROUP=lab')).toEqual([]);
    expect(await run(registry, admin, 'SHOW USER jdoe')).toContain('Port Access:   BY GROUP');
    expect(await run(registry, admin, 'SHOW USER Admin')).toContain('Port Access:   BY PORT');
  });

  it('one row per login now: Port (CLI at the prompt), Duration, Socket, From; Last Login with the uptime then', async () => {
    app.store.users.recordLogin('jdoe', app.clock - 90_000);
    app.loginList.push(new FakeLogin('jdoe', null, { ...TEST_CLIENT, localPort: 2323 }, app.clock - 90_000));
    app.loginList.push(new FakeLogin('jdoe', 2, { ...TEST_CLIENT, method: 'telnet', remotePort: 50001, localPort: 3002 }, app.clock - 5_000));
    const lines = await run(registry, admin, 'SHOW USER jdoe');
    // The fake run started an hour before the clock: 58:30 after the start.
    expect(lines).toContain('Last Login:    2023-11-14T22:11:50Z (uptime 0d 00:58:30)');
    expect(lines.slice(-3)).toEqual([
      'Port  Duration  Socket  From',
      'CLI   00:01:30  2323    10.0.0.5:50000',
      '2     00:00:05  3002    10.0.0.5:50001',
    ]);
    expect(lines.at(-4)).toBe('');
    const shown = (admin.json.at(-1) as { user: { connections: unknown[]; logins: number; lastLoginAt: number } }).user;
    expect(shown.logins).toBe(2);
    expect(shown.lastLoginAt).toBe(app.clock - 90_000);
    expect(shown.connections).toEqual([
      { port: null, since: app.clock - 90_000, method: 'ssh', socket: 2323, from: '10.0.0.5:50000' },
      { port: 2, since: app.clock - 5_000, method: 'telnet', socket: 3002, from: '10.0.0.5:50001' },
    ]);
  });

  it('the console (ccmd exec) sees itself: every right, no stored record', async () => {
    const console = contextFor(app, '(console)', { interactive: false });
    const asConsole = { ...console, client: { ...console.client, method: 'console' as const }, hasRight: () => true };
    const lines = await run(registry, asConsole, 'SHOW USER');
    expect(lines.slice(0, 3)).toEqual(['User:          (console)', 'Level:         APPLIANCEADMIN', 'Access:        PALL,USER,SCON,SMON,PCON,BREAK']);
  });

  it('ALL has the manual\'s columns User Pass Key Lock Level Access (YES/NO), then Source', async () => {
    for (let i = 0; i < 5; i++) app.store.users.recordFailedLogin('jdoe', lockoutPolicy(1), app.clock);
    app.login('Admin');
    expect(await run(registry, admin, 'SHOW USER all')).toEqual([
      'User   Pass  Key  Lock  Level           Access                          Source',
      'Admin  YES   NO   NO    APPLIANCEADMIN  PALL,USER,SCON,SMON,PCON,BREAK  LOCAL',
      'jdoe   YES   NO   YES   USER            P1-2                            LOCAL',
    ]);
    expect((admin.json.at(-1) as { users: unknown[] }).users).toHaveLength(2);
  });

  it('users known from a remote login (issue 15): source, granted rights, remote lockout, UNLOCK, DELETE', async () => {
    const grant = parseAccessList('P3-4,SMON', 8);
    if (!grant.ok) throw new Error('bad test grant');
    app.store.remoteUsers.recordLogin('radops', 'RADIUS', grant.value, app.clock);
    for (let i = 0; i < 5; i++) app.remoteLockouts.recordFailure('radops', lockoutPolicy(1), app.clock);
    expect((await run(registry, admin, 'SHOW USER all')).slice(-1)).toEqual([
      'radops  NO    NO   YES   USER            P3-4,SMON                       RADIUS',
    ]);
    expect(await run(registry, admin, 'SHOW USER radops')).toEqual([
      'User:          radops',
      'Level:         USER',
      'Access:        P3-4,SMON',
      'Port Access:   BY PORT',
      'Locked:        YES',
      'Locked until:  2023-11-14T23:13:20Z (60 min)',
      'Last Login:    2023-11-14T22:13:20Z (uptime 0d 01:00:00)',
      'Source:        RADIUS',
      'Groups:        -',
      'Pass:          NO',
      'Failed logins: 5',
    ]);
    expect(await run(registry, admin, 'USER UNLOCK radops')).toEqual([]);
    expect(app.remoteLockouts.isLocked('radops', app.clock)).toBe(false);
    expect(await run(registry, admin, 'USER DELETE radops')).toEqual([]);
    expect(app.store.remoteUsers.get('radops')).toBeNull();
    expect(await run(registry, admin, 'SHOW USER radops')).toEqual(['SHOW USER radops', '          ------', 'ERR 07 - No such user: radops']);
  });

  it('an unknown user', async () => {
    expect(await run(registry, admin, 'SHOW USER ghost')).toEqual(['SHOW USER ghost', '          -----', 'ERR 07 - No such user: ghost']);
  });
});

describe('default port names (issue 12 item 10)', () => {
  it('a port with no NAME= shows xx-xx-xx-Pn, answers to it, and NAME= cannot take another port\'s', async () => {
    expect(await run(registry, admin, 'SHOW PORT 3a-0f-c2-p4')).toContainEqual(expect.stringMatching(/^Name:\s+3A-0F-C2-P4$/));
    const line = 'PORT 2 SET NAME=3A-0F-C2-P4';
    expect((await run(registry, admin, line)).at(-1)).toBe("ERR 03 - Invalid value: Port name '3A-0F-C2-P4' is already in use by port 4");
    expect(await run(registry, admin, 'PORT 4 SET NAME=core4')).toEqual([]);
    expect(await run(registry, admin, 'PORT 4 SET NAME=""')).toEqual([]);
    expect(await run(registry, admin, 'SHOW PORT NAMES')).toContain('4     3A-0F-C2-P4');
  });
});
