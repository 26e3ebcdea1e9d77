/**
 * Issue 12, TD=, POWER= and TOGGLE= through the port service on a real SQLite store: the
 * manual's rules (a TD=SPC port takes only NAME= and GROUP=; the flow control line is not the
 * power line), the device check that refuses modem-line settings on a device without lines
 * exactly as PORT BREAK is refused, and SHOW PORT n's power status from the line read now.
 */
import { describe, expect, it } from 'vitest';
import { admin, app, HTTP, useServiceApp } from '../../test/support/service-fixture.js';

useServiceApp();

describe('POWER= and TOGGLE= need modem-control lines', () => {
  it('are saved, canonical, and audited on a device with lines', async () => {
    expect(await app.services.ports.update(admin, '2', { power: 'dcd', toggle: 'DTR' })).toEqual({ ok: true, ports: [2], warnings: [] });
    expect(app.store.ports.get(2)).toMatchObject({ power: 'DCD,HIGH', toggle: 'DTR' });
    expect(app.audits.at(-1)).toEqual({ user: 'Admin', action: 'PORT SET', detail: 'ports 2 POWER=DCD,HIGH TOGGLE=DTR' });
  });

  it('a device without lines (a pty) is refused as PORT BREAK is, and nothing is saved', async () => {
    app.port(3).lines = null;
    expect(await app.services.ports.update(admin, '3', { power: 'CTS', baud: 19200 }))
      .toEqual({ ok: false, error: { code: 16, text: 'Device error', detail: 'not supported by this device' }, field: 'power' });
    expect(await app.services.ports.update(admin, '3', { toggle: 'DTR' }))
      .toMatchObject({ ok: false, error: { code: 16, detail: 'not supported by this device' }, field: 'toggle' });
    expect(app.store.ports.get(3)).toBeNull();
    // Several ports: the refusal names the one without lines; all or none.
    expect(await app.services.ports.update(admin, '2-4', { toggle: 'DTR' }))
      .toMatchObject({ ok: false, error: { detail: 'port 3: not supported by this device' } });
    expect(app.store.ports.list()).toEqual([]);
    // Turning them off never needs the device.
    expect(await app.services.ports.update(admin, '3', { power: 'NONE', toggle: 'NONE' })).toMatchObject({ ok: true });
  });

  it('a device not open now cannot be asked: kept, with a warning', async () => {
    app.port(5).lines = 'closed';
    expect(await app.services.ports.update(admin, '5', { power: 'DSR,LOW' }))
      .toEqual({ ok: true, ports: [5], warnings: ['port 5: POWER= not checked: device unavailable'] });
    expect(app.store.ports.get(5)?.power).toBe('DSR,LOW');
  });

  it('the flow control line cannot be the power line (the manual: CTS with FLOW=RTSCTS)', async () => {
    expect(await app.services.ports.update(admin, '1', { flow: 'RTSCTS', power: 'CTS,LOW' }))
      .toMatchObject({ ok: false, error: { code: 3, detail: 'POWER=CTS,LOW clashes with FLOW=RTSCTS: CTS is the flow control line' }, field: 'power' });
    await app.services.ports.update(admin, '1', { power: 'CTS' });
    expect(await app.services.ports.update(admin, '1', { flow: 'RTSCTS' })).toMatchObject({ ok: false, field: 'flow' });
    expect(await app.services.ports.update(admin, '1', { flow: 'RTSCTS', power: 'DCD' })).toMatchObject({ ok: true });
  });
});

describe('TD=SPC', () => {
  it('takes only NAME= and GROUP= (the manual), until it is TD=CONSOLE again', async () => {
    expect(await app.services.ports.update(admin, '8', { td: 'SPC', name: 'pdu1' }, { op: 'set', list: 'power' })).toMatchObject({ ok: true });
    expect(await app.services.ports.update(admin, '8', { baud: 19200 }))
      .toMatchObject({ ok: false, error: { code: 3, detail: 'BAUD= does not apply to a TD=SPC port (NAME= and GROUP= only)' }, field: 'baud' });
    expect(await app.services.ports.update(admin, '7-8', { td: 'SPC', share: 'AUTO' })).toMatchObject({ ok: false, field: 'share' });
    expect(await app.services.ports.update(admin, '8', { td: 'CONSOLE', baud: 19200 })).toMatchObject({ ok: true });
    expect(app.store.ports.get(8)).toMatchObject({ td: 'CONSOLE', baud: 19200, name: 'pdu1' });
  });
});

describe('power status (SHOW PORT n)', () => {
  it.each([
    ['CTS,HIGH', { cts: true, dsr: false, dcd: false }, { state: 'ON', line: 'CTS', level: 'HIGH' }],
    ['CTS,LOW', { cts: true, dsr: false, dcd: false }, { state: 'OFF', line: 'CTS', level: 'HIGH' }],
    ['DSR,LOW', { cts: true, dsr: false, dcd: true }, { state: 'ON', line: 'DSR', level: 'LOW' }],
    ['DCD,HIGH', { cts: true, dsr: true, dcd: false }, { state: 'OFF', line: 'DCD', level: 'LOW' }],
  ])('POWER=%s with lines %j reads %j', async (power, lines, expected) => {
    await app.services.ports.update(admin, '2', { power });
    app.port(2).lines = lines;
    expect(await app.services.ports.powerStatus(admin, 2)).toEqual({ ok: true, power: { power, ...expected } });
  });

  it('NONE reads nothing; a device without lines or not open says why', async () => {
    expect(await app.services.ports.powerStatus(admin, 1)).toEqual({ ok: true, power: { power: 'NONE' } });
    await app.services.ports.update(admin, '1', { power: 'CTS' });
    app.port(1).lines = null;
    expect(await app.services.ports.powerStatus(admin, 1))
      .toEqual({ ok: true, power: { power: 'CTS,HIGH', state: null, reason: 'not supported by this device' } });
  });

  it('only for those who may see the port', async () => {
    await app.services.users.add(admin, 'jdoe', { password: 's3cret', access: { op: 'set', list: 'P2' } });
    expect(await app.services.ports.powerStatus(app.services.actor('jdoe', HTTP), 3)).toMatchObject({ ok: false, error: { code: 4 } });
  });
});

describe('counters and who is connected (SHOW PORT n)', () => {
  it('the device counters and the broker\'s connections, with the session and mode', () => {
    app.port(4).counters = { rxBytes: 120, txBytes: 7, droppedBytes: 3, errors: 2 };
    app.login('Admin', 4);
    const view = app.services.ports.view(4);
    expect(view.counters).toEqual({ txBytes: 7, rxBytes: 120, droppedBytes: 3, errors: 2 });
    expect(view.connections).toEqual([{ user: 'Admin', session: expect.stringMatching(/^S\d+$/), mode: 'rw' }]);
    expect(view.users).toBe(1);
    expect(app.services.ports.view(5).connections).toEqual([]);
  });
});
