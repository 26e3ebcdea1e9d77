/**
 * The port service called as the web API will call it: values are checked against the settings
 * table, PCON and port visibility hold without the CLI in front, and a change reaches the
 * device and the running parts. A real SQLite store (test/support/fake-app.ts).
 */
import { describe, expect, it } from 'vitest';
import { admin, app, HTTP, useServiceApp } from '../../test/support/service-fixture.js';

useServiceApp();

describe('PortService.update', () => {
  it('saves, applies to the device, tells the runtime and audits', async () => {
    const updated = await app.services.ports.update(admin, '2-3', { baud: 19200, share: 'AUTO' });
    expect(updated).toEqual({ ok: true, ports: [2, 3], warnings: [] });
    expect(app.store.ports.get(3)).toMatchObject({ baud: 19200, share: 'AUTO' });
    expect(app.ports[1]?.applied.map((s) => s.baud)).toEqual([19200]);
    expect(app.portChanges).toEqual([2, 3]);
    expect(app.audits.at(-1)).toEqual({ user: 'Admin', action: 'PORT SET', detail: 'ports 2-3 BAUD=19200 SHARE=AUTO' });
  });

  it.each([
    [{ baud: 12 }, 'baud'],
    [{ dataBits: 6 }, 'dataBits'],
    [{ parity: 'MARK' }, 'parity'],
    [{ name: '7' }, 'name'],
    [{ name: 'ALL' }, 'name'],
    [{ char: '^M' }, 'char'],
    [{ colour: 'red' }, ''],
  ])('refuses %j (the settings table decides), writing nothing', async (changes, field) => {
    const refused = await app.services.ports.update(admin, '1', changes);
    expect(refused).toMatchObject({ ok: false, error: { code: 3 } });
    if (field !== '') expect(refused).toMatchObject({ field });
    expect(app.store.ports.get(1)).toBeNull();
    expect(app.portChanges).toEqual([]);
  });

  it('warns about what the device refused, and keeps the setting', async () => {
    expect(await app.services.ports.update(admin, '1', { baud: 230400 }))
      .toEqual({ ok: true, ports: [1], warnings: ['port 1: baud 230400 not supported by this device'] });
    expect(app.store.ports.get(1)?.baud).toBe(230400);
  });

  it('needs PCON, and one-port settings take one port', async () => {
    await app.services.users.add(admin, 'jdoe', { password: 's3cret' });
    const jdoe = app.services.actor('jdoe', HTTP);
    expect(await app.services.ports.update(jdoe, '1', { baud: 19200 })).toMatchObject({ ok: false, error: { code: 4 } });
    expect(await app.services.ports.update(admin, 'ALL', { name: 'x1' }))
      .toMatchObject({ ok: false, error: { code: 3, detail: 'NAME applies to one port at a time' }, field: 'name' });
    expect(await app.services.ports.update(admin, '9', { baud: 19200 }))
      .toMatchObject({ ok: false, error: { code: 6 }, field: 'ports' });
  });
});

describe('PortService reads and actions', () => {
  it('shows a user only the ports they reach; PORT n BREAK needs the port too', async () => {
    await app.services.users.add(admin, 'jdoe', { password: 's3cret', access: { op: 'set', list: 'P2,BREAK' } });
    const jdoe = app.services.actor('jdoe', HTTP);
    expect(app.services.ports.list(jdoe).map((p) => p.port)).toEqual([2]);
    expect(app.services.ports.get(jdoe, 3)).toMatchObject({ ok: false, error: { code: 4 }, field: 'port' });
    expect(await app.services.ports.sendBreak(jdoe, 3)).toMatchObject({ ok: false, error: { code: 4 } });
    expect(await app.services.ports.sendBreak(jdoe, 2)).toEqual({ ok: true });
    expect(app.ports[1]?.breaks).toEqual([500]);
  });

  it('PORT n LOGOUT ends the port through the broker; an empty port is an error', async () => {
    expect(app.services.ports.logout(admin, 4)).toMatchObject({ ok: false, error: { code: 8 } });
    app.login('Admin', 4);
    expect(app.services.ports.logout(admin, 4)).toEqual({ ok: true });
    expect(app.broker().ports[3]?.connections).toEqual([]);
  });
});
