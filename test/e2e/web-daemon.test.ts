/**
 * SPEC §10: the daemon's web listener on `--web-port` (-1 here: an ephemeral port, read back from
 * the ready file), `GET /healthz`, the plain-HTTP warning, and web-port 0 = off.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';

const daemons: DaemonProcess[] = [];
afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
});

describe('web listener of the daemon', () => {
  it('answers /healthz with ok and says the web is plain HTTP', async () => {
    const daemon = await startDaemon({ web: true });
    daemons.push(daemon);
    expect(daemon.ready.web).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${daemon.ready.web}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(daemon.log()).toContain('web console and API are plain HTTP');
  });

  it('is off with web port 0', async () => {
    const daemon = await startDaemon({ web: false });
    daemons.push(daemon);
    expect(daemon.ready.web).toBe(0);
    expect(daemon.log()).not.toContain('plain HTTP');
  });
});
