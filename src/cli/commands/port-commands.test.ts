/**
 * PORT <n|n-m|ALL> SET, PORT n BREAK, PORT n LOGOUT, PORT n HISTORY (SPEC §6) through the real
 * registry and store: ranges, ALL, all-or-none saves, live apply with warnings, GROUP= edits.
 */
import { describe, expect, it } from 'vitest';
import { contextFor, errorLines, registryOf, run } from '../../../test/support/fake-app.js';
import { admin, app, useCommandApp } from '../../../test/support/command-fixture.js';
import { ADMIN_COMMANDS } from './index.js';

const registry = registryOf(ADMIN_COMMANDS);

useCommandApp();

const err = errorLines;

const stored = (n: number) => app.store.ports.get(n);

describe('PORT SET', () => {
  it('abbreviated keywords and keys; saved, applied live, re-read, audited', async () => {
    expect(await run(registry, admin, 'POR 1 SET BAU=19200 par=even SIZE=7 STOP=2 FLOW=rts')).toEqual([]);
    expect(stored(1)).toMatchObject({ baud: 19200, parity: 'EVEN', dataBits: 7, stopBits: 2, flow: 'RTSCTS' });
    expect(app.ports[0]?.applied.map((s) => s.baud)).toEqual([19200]);
    expect(app.portChanges).toEqual([1]);
    expect(app.audits).toEqual([{ user: 'Admin', action: 'PORT SET', detail: 'ports 1 BAUD=19200 PARITY=EVEN SIZE=7 STOP=2 FLOW=RTSCTS' }]);
  });

  it("the manual's example, verbatim: PORT 2 SET BAUD=57600 FLOW=XONXOF", async () => {
    expect(await run(registry, admin, 'PORT 2 SET BAUD=57600 FLOW=XONXOF')).toEqual([]);
    expect(stored(2)).toMatchObject({ baud: 57600, flow: 'XONXOF' });
    expect(app.ports[1]?.applied.map((s) => [s.baud, s.flow])).toEqual([[57600, 'XONXOF']]);
  });

  it('a range and ALL (any case) change every port selected', async () => {
    await run(registry, admin, 'PORT 2-4 SET TIMEOUT=30');
    expect(app.store.ports.list().map((p) => [p.port, p.timeoutMinutes])).toEqual([[2, 30], [3, 30], [4, 30]]);
    await run(registry, admin, 'port all set share=auto');
    expect(app.store.ports.list().map((p) => p.share)).toEqual(Array(8).fill('AUTO'));
    expect(stored(3)?.timeoutMinutes).toBe(30);
    expect(app.portChanges).toEqual([2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a port may be named by its name', async () => {
    await run(registry, admin, 'PORT 3 SET NAME=router1');
    await run(registry, admin, 'PORT ROUTER1 SET LOG=OFF');
    expect(stored(3)).toMatchObject({ name: 'router1', log: false });
  });

  it.each([
    ['PORT 0 SET BAUD=9600', '0', 'ERR 06 - Port out of range: 1-8'],
    ['PORT 9 SET BAUD=9600', '9', 'ERR 06 - Port out of range: 1-8'],
    ['PORT 4-2 SET BAUD=9600', '4-2', 'ERR 06 - Port out of range: 1-8'],
    ['PORT 1-9 SET BAUD=9600', '1-9', 'ERR 06 - Port out of range: 1-8'],
    ['PORT nowhere SET BAUD=9600', 'nowhere', 'ERR 12 - No such port: nowhere'],
    ['PORT 1 SET BAUD=12', 'BAUD=12', 'ERR 03 - Invalid value: BAUD expected a number 50-4000000'],
    ['PORT 1 SET SIZE=6', 'SIZE=6', 'ERR 03 - Invalid value: SIZE expected a number 7-8'],
    ['PORT 1 SET PARITY=MARK', 'PARITY=MARK', 'ERR 03 - Invalid value: PARITY expected NONE|EVEN|ODD'],
    ['PORT 1 SET SHARE=maybe', 'SHARE=maybe', 'ERR 03 - Invalid value: SHARE expected DISABLE|AUTO|QUERY|SERVER'],
    ['PORT 1 SET TIMEOUT=-5', 'TIMEOUT=-5', 'ERR 03 - Invalid value: TIMEOUT expected a number 0-10080'],
    ['PORT 1 SET CHAR=^M', 'CHAR=^M', 'ERR 03 - Invalid value: CHAR ^M is reserved'],
    ['PORT 1 SET CHAR=D', 'CHAR=D', 'ERR 03 - Invalid value: CHAR expected ^ followed by one character, e.g. ^D'],
    ['PORT 1 SET LOG=maybe', 'LOG=maybe', 'ERR 03 - Invalid value: LOG expected ON|OFF'],
    ['PORT 1 SET NAME="x y"', 'NAME="x y"', 'ERR 03 - Invalid value: NAME must be 1-32 letters, digits, _ . -'],
    ['PORT 1 SET NAME=42', 'NAME=42', 'ERR 03 - Invalid value: NAME cannot be a number'],
    ['PORT 1 SET NAME=all', 'NAME=all', 'ERR 03 - Invalid value: NAME all is reserved'],
    ['PORT 1-2 SET NAME=pair', 'NAME=pair', 'ERR 03 - Invalid value: NAME applies to one port at a time'],
    ['PORT ALL SET SOCKET=4000', 'SOCKET=4000', 'ERR 03 - Invalid value: SOCKET applies to one port at a time'],
    ['PORT 1 SET GROUP="a b"', 'GROUP="a b"', "ERR 03 - Invalid value: GROUP Bad group name 'a b' (1-8 letters, digits, _ . -)"],
  ])('%s is refused and nothing is saved', async (line, token, text) => {
    expect(await run(registry, admin, line)).toEqual(err(line, token, text));
    expect(app.store.ports.list()).toEqual([]);
    expect(app.portChanges).toEqual([]);
  });

  it('a setting is required', async () => {
    expect(await run(registry, admin, 'PORT 1 SET')).toEqual(['PORT 1 SET', '           -', 'ERR 02 - Missing parameter: a setting such as BAUD=']);
  });

  it('port names are unique ignoring case; the whole command then saves nothing', async () => {
    await run(registry, admin, 'PORT 3 SET NAME=router1');
    const line = 'PORT 4 SET BAUD=38400 NAME=Router1';
    expect(await run(registry, admin, line)).toEqual(err(line, 'NAME=Router1', "ERR 03 - Invalid value: Port name 'Router1' is already in use by port 3"));
    expect(stored(4)).toBeNull();
    expect(await run(registry, admin, 'PORT 3 SET NAME=Router1')).toEqual([]);
    expect(stored(3)?.name).toBe('Router1');
    expect(await run(registry, admin, 'PORT 3 SET NAME=')).toEqual([]);
    expect(stored(3)?.name).toBeNull();
  });

  it('settings the device refuses are warnings; the setting is still saved', async () => {
    expect(await run(registry, admin, 'PORT 2-3 SET BAUD=230400')).toEqual([
      'Warning: port 2: baud 230400 not supported by this device',
      'Warning: port 3: baud 230400 not supported by this device',
    ]);
    expect(stored(2)?.baud).toBe(230400);
  });

  it('CHAR=^b is stored canonical; CHAR= follows the server again', async () => {
    await run(registry, admin, 'PORT 1 SET CHAR=^b');
    expect(stored(1)?.char).toBe('^B');
    await run(registry, admin, 'PORT 1 SET CHAR=');
    expect(stored(1)?.char).toBeNull();
  });

  it('GROUP= sets, =+ adds, =- removes; groups are made and dropped with their ports', async () => {
    const groups = () => Object.fromEntries(app.store.groups.list().map((g) => [g.name, g.ports]));
    await run(registry, admin, 'PORT 5-6 SET GROUP=lab');
    expect(groups()).toEqual({ lab: [5, 6] });
    await run(registry, admin, 'PORT 7 SET GROUP=+lab');
    expect(groups()).toEqual({ lab: [5, 6, 7] });
    await run(registry, admin, 'PORT 5 SET GROUP=-lab');
    expect(groups()).toEqual({ lab: [6, 7] });
    await run(registry, admin, 'PORT 6 SET GROUP=core');
    expect(groups()).toEqual({ core: [6], lab: [7] });
    await app.addUser('jdoe', 'P1', ['lab', 'core']);
    await run(registry, admin, 'PORT 7 SET GROUP=');
    expect(groups()).toEqual({ core: [6] });
    expect(app.store.users.get('jdoe')?.groups).toEqual(['core']);
    expect(app.audits.at(-1)?.detail).toBe('ports 7 groups =');
  });

  it('a port is in at most one group (issue 12): =+g moves it, a list of groups is refused', async () => {
    const groups = () => Object.fromEntries(app.store.groups.list().map((g) => [g.name, g.ports]));
    await run(registry, admin, 'PORT 1-2 SET GROUP=linux');
    await run(registry, admin, 'PORT 3 SET GROUP=routers');
    expect(await run(registry, admin, 'PORT 2 SET GROUP=+routers')).toEqual([]);
    expect(groups()).toEqual({ linux: [1], routers: [2, 3] });
    const line = 'PORT 1 SET GROUP=linux,routers';
    expect(await run(registry, admin, line))
      .toEqual(err(line, 'GROUP=linux,routers', 'ERR 03 - Invalid value: GROUP names one group: a port belongs to at most one group'));
    expect(groups()).toEqual({ linux: [1], routers: [2, 3] });
    const long = 'PORT 1 SET GROUP=ninechars';
    expect(await run(registry, admin, long))
      .toEqual(err(long, 'GROUP=ninechars', "ERR 03 - Invalid value: GROUP Bad group name 'ninechars' (1-8 letters, digits, _ . -)"));
  });
});

describe('PORT BREAK', () => {
  it('sends a 500 ms break', async () => {
    expect(await run(registry, admin, 'PORT 2 BRE')).toEqual([]);
    expect(app.ports[1]?.breaks).toEqual([500]);
    expect(app.audits).toEqual([{ user: 'Admin', action: 'PORT BREAK', detail: 'port 2' }]);
  });

  it('a device that cannot send one is an ERR', async () => {
    app.port(2).breakable = false;
    expect(await run(registry, admin, 'PORT 2 BREAK')).toEqual(err('PORT 2 BREAK', '2', 'ERR 16 - Device error: not supported by this device'));
  });
});

describe('PORT SET POWER= TOGGLE= TD= (issue 12)', () => {
  it('the manual\'s forms, abbreviated keywords too', async () => {
    expect(await run(registry, admin, 'PORT 2 SET POWER=cts,low TOG=dtr')).toEqual([]);
    expect(await run(registry, admin, 'PORT 3 SET TD=spc NAME=pdu1')).toEqual([]);
    expect(stored(2)).toMatchObject({ power: 'CTS,LOW', toggle: 'DTR', td: 'CONSOLE' });
    expect(stored(3)).toMatchObject({ td: 'SPC', name: 'pdu1' });
  });

  it('a device without modem lines answers as PORT BREAK does, under the setting typed', async () => {
    app.port(2).lines = null;
    expect(await run(registry, admin, 'PORT 2 SET BAUD=19200 POWER=DCD'))
      .toEqual(err('PORT 2 SET BAUD=19200 POWER=DCD', 'POWER=DCD', 'ERR 16 - Device error: not supported by this device'));
    expect(await run(registry, admin, 'PORT 2 SET TOGGLE=DTR'))
      .toEqual(err('PORT 2 SET TOGGLE=DTR', 'TOGGLE=DTR', 'ERR 16 - Device error: not supported by this device'));
    expect(stored(2)).toBeNull();
  });

  it.each([
    ['PORT 1 SET POWER=RTS', 'POWER=RTS', 'ERR 03 - Invalid value: POWER expected NONE or CTS|DCD|DSR[,LOW|HIGH]'],
    ['PORT 1 SET TD=PDU', 'TD=PDU', 'ERR 03 - Invalid value: TD expected CONSOLE|SPC'],
    ['PORT 1 SET FLOW=RTSCTS POWER=CTS', 'POWER=CTS', 'ERR 03 - Invalid value: POWER=CTS,HIGH clashes with FLOW=RTSCTS: CTS is the flow control line'],
    ['PORT 1 SET TD=SPC BAUD=19200', 'BAUD=19200', 'ERR 03 - Invalid value: BAUD= does not apply to a TD=SPC port (NAME= and GROUP= only)'],
  ])('%s is refused', async (line, token, text) => {
    expect(await run(registry, admin, line)).toEqual(err(line, token, text));
    expect(stored(1)).toBeNull();
  });
});

describe('PORT LOGOUT', () => {
  it('ends every connection on the port through the broker', async () => {
    await app.addUser('jdoe', 'PALL');
    app.login('jdoe', 3);
    app.login('Admin', 3);
    expect(app.broker().ports[2]?.connections).toHaveLength(1);
    expect(await run(registry, admin, 'PORT 3 LOG')).toEqual([]);
    expect(app.dispatched.at(-1)).toEqual({ type: 'endSession', port: 3, by: { user: 'Admin', level: 'APPLIANCEADMIN' } });
    expect(app.broker().ports[2]?.connections).toEqual([]);
  });

  it('a port nobody is on is an error', async () => {
    expect(await run(registry, admin, 'PORT 3 LOGOUT')).toEqual(err('PORT 3 LOGOUT', '3', 'ERR 08 - No such session: nobody is connected to port 3'));
  });
});

describe('PORT HISTORY', () => {
  it("hands the port's buffer to the login's history viewer", async () => {
    expect(await run(registry, admin, 'PORT 4 HIS')).toEqual([]);
    expect(admin.session?.histories).toEqual([{ port: 4, history: Buffer.from('boot 4\r\ndevice4$ ') }]);
  });

  it('needs a terminal', async () => {
    const once = contextFor(app, 'Admin', { interactive: false });
    expect(await run(registry, once, 'PORT 4 HISTORY'))
      .toEqual(err('PORT 4 HISTORY', 'PORT', 'ERR 15 - Not available on this connection: use ccmd console or a login'));
  });
});
