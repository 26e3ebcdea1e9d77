/**
 * SPEC §4 limits and hand-off through real clients: the fifth connection on a port (LISTEN
 * monitors count, SPEC §9), and the session originator leaving so the longest-connected
 * remaining user takes over. Ports 1-8 follow the appliance's QUERY; 9-16 are AUTO so a share
 * needs nobody's answer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultPortSettings } from '../../src/store/port-settings-repository.js';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS, type Way } from '../support/login.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, PortPool, holdPort, noticeLine, otherWay } from './access-fixture.js';

let daemon: DaemonProcess;
const clients = new Clients(() => daemon);
const queryPorts = new PortPool(1, 8);
const autoPorts = new PortPool(9, 16);

beforeAll(async () => {
  const auto = Array.from({ length: 8 }, (_, i) => ({ ...defaultPortSettings(9 + i), share: 'AUTO' as const }));
  const dataDir = await seededDataDir(CAST, { server: { share: 'QUERY' }, ports: auto });
  daemon = await startDaemon({ dataDir });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

/** adm1 holds `port` and usr2-usr4 monitor it: the port's 4 connections (SPEC §1) are taken. */
async function fillPort(way: Way, port: number): Promise<InteractiveClient[]> {
  const holders = [await holdPort(clients, way, 'adm1', port)];
  for (const name of ['usr2', 'usr3', 'usr4']) {
    const monitor = await clients.login(way, name);
    monitor.send(`LISTEN ${port}\r`);
    await monitor.expect(`Connection complete: port ${port}`);
    holders.push(monitor);
  }
  return holders;
}

/** usr1 holds `port`, then usr2 and usr3 share it (AUTO: S joins at once). */
async function shareThree(way: Way, port: number): Promise<InteractiveClient[]> {
  const so = await holdPort(clients, way, 'usr1', port);
  const users = [so];
  for (const name of ['usr2', 'usr3']) {
    const user = await clients.login(way, name);
    user.send(`CONNECT ${port}\r`);
    await user.expect("S)hare, D)on't connect?");
    user.send('s');
    await user.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with ${users.length}`));
    users.push(user);
  }
  return users;
}

describe.each(WAYS)('limits and hand-off, newcomer over %s', (way) => {
  const holderWay = otherWay(way);

  it('the 5th connection on a port is refused for a user who cannot preempt', async () => {
    const port = queryPorts.take();
    const [so] = await fillPort(holderWay, port);
    const ru = await clients.login(way, 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await ru.expect(noticeLine(`Port ${port} session limit reached`));
    await ru.expect('> ');
    expect(so?.output).not.toContain('asks to share');
  });

  it('on a full port a user who can preempt is offered E/N/D (no S); E preempts all four', async () => {
    const port = queryPorts.take();
    const holders = await fillPort(holderWay, port);
    const ru = await clients.login(way, 'Admin');
    ru.send(`CONNECT ${port}\r`);
    await ru.expect(noticeLine(`Port ${port} in use by adm1 (ADMIN). E)xclusive, N)on-exclusive, D)on't connect?`));
    ru.send('e');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), exclusive`));
    for (const holder of holders) await holder.expect(noticeLine(`Preempted from port ${port} by Admin (APPLIANCEADMIN)`));
  });

  it('when the SO disconnects, the longest-connected remaining user becomes SO and all are told', async () => {
    const port = autoPorts.take();
    const [so, second, third] = await shareThree(way, port) as [InteractiveClient, InteractiveClient, InteractiveClient];
    so.send('\x04');
    await so.expect('> ');
    so.send('DISCONNECT\r');
    await so.expect(noticeLine(`Connection disconnected: port ${port}`));
    for (const user of [second, third]) {
      await user.expect(noticeLine(`usr1 left port ${port}`));
      await user.expect(noticeLine(`usr2 is now session originator on port ${port}`));
    }
  });
});

it('when the SO\'s client drops, the hand-off happens too', async () => {
  const port = autoPorts.take();
  const [so, second, third] = await shareThree('ssh', port) as [InteractiveClient, InteractiveClient, InteractiveClient];
  await so.close();
  for (const user of [second, third]) await user.expect(noticeLine(`usr2 is now session originator on port ${port}`));
  // The new SO is still connected for real: its keystrokes reach the device.
  // (Not a lone Enter: one right after the S key could be taken as confirming it, SPEC §9.)
  second.send('x\r');
  await second.expect(`x\r\ndevice${port}$ `);
});
