/**
 * SPC power control through the service (issue 12) on a real SQLite store, against the real
 * simulated power strip behind the real SPC client (test/support/fake-app.ts): rights (PCON or
 * the port), TD=SPC required, the ERR 41-44 refusals, the audit, and the `power` event in the
 * session history of the strip's port and of the caller's own port.
 */
import { describe, expect, it } from 'vitest';
import { admin, app, HTTP, useServiceApp } from '../../test/support/service-fixture.js';
import type { Actor } from './types.js';

useServiceApp({
  beforeEachTest: async () => { expect(await app.services.ports.update(admin, '8', { td: 'SPC' })).toMatchObject({ ok: true }); },
});

function spc(actor: Actor, action: 'STATUS' | 'ON' | 'OFF' | 'CYCLE', outlet: number | null, port = 8, fromPort: number | null = null) {
  return app.services.spc.request(actor, { port, action, outlet, fromPort });
}

describe('SPC', () => {
  it('STATUS lists the strip\'s outlets; ON/OFF/CYCLE switch one, as the strip reports', async () => {
    expect(await spc(admin, 'STATUS', null)).toEqual({ ok: true, port: 8, outlets: [1, 2, 3, 4].map((outlet) => ({ outlet, state: 'ON' })) });
    expect(await spc(admin, 'OFF', 2)).toEqual({ ok: true, port: 8, outlets: [{ outlet: 2, state: 'OFF' }] });
    expect(app.port(8).strip.outlet(2)).toBe('OFF');
    expect(await spc(admin, 'CYCLE', 3)).toEqual({ ok: true, port: 8, outlets: [{ outlet: 3, state: 'CYCLING' }] });
    expect(await spc(admin, 'STATUS', 2)).toEqual({ ok: true, port: 8, outlets: [{ outlet: 2, state: 'OFF' }] });
  });

  it('audits each action (not STATUS), whether or not the strip answered', async () => {
    await spc(admin, 'STATUS', null);
    await spc(admin, 'ON', 1);
    app.port(8).silentStrip = true;
    await spc(admin, 'OFF', 4);
    expect(app.audits).toEqual([
      { user: 'Admin', action: 'PORT SET', detail: 'ports 8 TD=SPC' },
      { user: 'Admin', action: 'SPC', detail: 'outlet 8.1 ON: ON' },
      { user: 'Admin', action: 'SPC', detail: 'outlet 8.4 OFF: failed: no answer in 0.2 s' },
    ]);
  });

  it('records a power event in the running session of the strip\'s port and of the caller\'s port', async () => {
    app.login('Admin', 3);
    const session = app.broker().ports[2]?.session?.id ?? '';
    expect(await spc(admin, 'CYCLE', 1, 8, 3)).toMatchObject({ ok: true });
    expect(app.store.sessions.history(session)).toEqual([
      expect.objectContaining({ event: 'power', user: 'Admin', detail: 'outlet 8.1 CYCLE: CYCLING' }),
    ]);
    // Nobody is on port 8: no session there to record in (the audit has it).
    expect(app.broker().ports[7]?.session).toBeNull();
  });

  it('refusals: ERR 41 not TD=SPC, 42 silent strip, 43 no such outlet, 44 other ERR, 16 device down', async () => {
    expect(await spc(admin, 'STATUS', null, 2)).toEqual({ ok: false, field: 'port',
      error: { code: 41, text: 'Not a power strip port', detail: 'port 2 is TD=CONSOLE (PORT 2 SET TD=SPC)' } });
    expect(await spc(admin, 'ON', 9)).toMatchObject({ ok: false, field: 'outlet', error: { code: 43, detail: 'bad outlet 9: 1-4' } });
    expect(await spc(admin, 'ON', 1000)).toMatchObject({ ok: false, field: 'outlet', error: { code: 43 } });
    expect(await spc(admin, 'ON', null)).toMatchObject({ ok: false, error: { code: 2 } });
    app.port(8).silentStrip = true;
    expect(await spc(admin, 'STATUS', null)).toMatchObject({ ok: false, error: { code: 42, text: 'Power strip not answering', detail: 'port 8: no answer in 0.2 s' } });
    app.port(8).silentStrip = false;
    app.port(8).lines = 'closed';
    expect(await spc(admin, 'STATUS', null)).toMatchObject({ ok: false, error: { code: 16, detail: 'device unavailable' } });
  });

  it('rights: PCON, or access to the strip\'s port; nobody else', async () => {
    await app.services.users.add(admin, 'porter', { password: 's3cret', access: { op: 'set', list: 'P8' } });
    await app.services.users.add(admin, 'pcon', { password: 's3cret', access: { op: 'set', list: 'P1,PCON' } });
    await app.services.users.add(admin, 'other', { password: 's3cret', access: { op: 'set', list: 'P1-7,SMON' } });
    expect(await spc(app.services.actor('porter', HTTP), 'OFF', 1)).toMatchObject({ ok: true });
    expect(await spc(app.services.actor('pcon', HTTP), 'ON', 1)).toMatchObject({ ok: true });
    expect(await spc(app.services.actor('other', HTTP), 'STATUS', null)).toMatchObject({ ok: false, error: { code: 4 }, field: 'port' });
  });
});
