/**
 * SPEC §4, share mode QUERY (the appliance default, set here with `SERVER SHARE` in the store):
 * the session originator is asked, answers Y or N, or lets the 2 s deadline pass. Every dialogue
 * is between two real clients; the requester (RU) uses the way under test and the originator
 * (SO) the other one, so each client plays each role.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { WAYS } from '../support/login.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, PortPool, holdPort, noticeLine, otherWay } from './access-fixture.js';

let daemon: DaemonProcess;
const clients = new Clients(() => daemon);
const ports = new PortPool(1, 16);

beforeAll(async () => {
  const dataDir = await seededDataDir(CAST, { server: { share: 'QUERY', queryTimeoutSeconds: 2 } });
  daemon = await startDaemon({ dataDir });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

describe.each(WAYS)('share QUERY, requester over %s', (way) => {
  const soWay = otherWay(way);

  it('lower RU on a non-exclusive port: the SO is asked, answers Y, the RU joins', async () => {
    const port = ports.take();
    const so = await holdPort(clients, soWay, 'adm1', port);
    const ru = await clients.login(way, 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await ru.expect(noticeLine(`Waiting for adm1 to approve sharing of port ${port}`));
    await so.expect(noticeLine(`usr1 (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('Y');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
    await so.expect(noticeLine(`usr1 joined port ${port}`));
    // Joined for real: the RU's keystrokes reach the simulated device, whose prompt both see.
    ru.send('\r');
    await ru.expect(`device${port}$ `);
    await so.expect(`device${port}$ `);
  });

  it('lower RU: the SO answers N and the RU is refused, back at the prompt', async () => {
    const port = ports.take();
    const so = await holdPort(clients, soWay, 'adm1', port);
    const ru = await clients.login(way, 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await so.expect(noticeLine(`usr1 (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('n');
    await ru.expect(noticeLine('Share request refused by adm1'));
    await ru.expect('> ');
    expect(so.output).not.toContain('usr1 joined');
  });

  it('lower RU: the SO does not answer within the 2 s query time-out and the RU is refused', async () => {
    const port = ports.take();
    const so = await holdPort(clients, soWay, 'adm1', port);
    const ru = await clients.login(way, 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await so.expect(noticeLine(`usr1 (USER) asks to share port ${port}. Allow? (Y/N)`));
    const asked = Date.now();
    await ru.expect(noticeLine('Share request timed out'), 5000);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(1500);
    await ru.expect('> ');
  });

  it('lower RU against an exclusive SO is refused without asking', async () => {
    const port = ports.take();
    const so = await holdPort(clients, soWay, 'adm1', port, `CONNECT ${port} EXCLUSIVE`);
    const ru = await clients.login(way, 'usr1');
    ru.send(`CONNECT ${port}\r`);
    await ru.expect(noticeLine(`Port ${port} in use by adm1`));
    await ru.expect('> ');
    expect(so.output).not.toContain('asks to share');
  });

  it('equal RU is offered E/N/S/D; S asks the SO, who allows it', async () => {
    const port = ports.take();
    const so = await holdPort(clients, soWay, 'usr1', port);
    const ru = await clients.login(way, 'usr2');
    ru.send(`CONNECT ${port}\r`);
    await ru.expect(noticeLine(`Port ${port} in use by usr1 (USER). E)xclusive, N)on-exclusive, S)hare, D)on't connect?`));
    ru.send('s');
    await ru.expect(noticeLine(`Waiting for usr1 to approve sharing of port ${port}`));
    await so.expect(noticeLine(`usr2 (USER) asks to share port ${port}. Allow? (Y/N)`));
    so.send('y');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
    await so.expect(noticeLine(`usr2 joined port ${port}`));
  });
});
