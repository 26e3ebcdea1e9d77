/**
 * SPEC §4, share modes DISABLE and AUTO, and an exclusive holder: the requester's E/N/S/D choice
 * (or refusal), between two real clients. The appliance (a CCM4850, for ports enough to give each
 * test its own) is set to DISABLE (`SERVER SHARE`) and ports 25-48 override it with AUTO
 * (`PORT n SET SHARE=AUTO`), both seeded in the store.
 * The requester (RU) uses the way under test, the session originator (SO) the other way.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultPortSettings } from '../../src/store/port-settings-repository.js';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import type { InteractiveClient } from '../support/clients.js';
import { WAYS, type Way } from '../support/login.js';
import { seededDataDir } from '../support/users.js';
import { CAST, Clients, PortPool, holdPort, noticeLine, otherWay } from './access-fixture.js';

let daemon: DaemonProcess;
const clients = new Clients(() => daemon);
const disablePorts = new PortPool(1, 24);
const autoPorts = new PortPool(25, 48);

beforeAll(async () => {
  const auto = Array.from({ length: 24 }, (_, i) => ({ ...defaultPortSettings(25 + i), share: 'AUTO' as const }));
  const dataDir = await seededDataDir(CAST, { server: { share: 'DISABLE' }, ports: auto });
  daemon = await startDaemon({ dataDir, profile: 'ccm4850' });
});
afterEach(() => clients.closeAll());
afterAll(async () => {
  await clients.closeAll();
  await daemon?.stop();
});

const offer = (port: number, holder: string, level: string, choices: string): RegExp =>
  noticeLine(`Port ${port} in use by ${holder} (${level}). ${choices}`);
/** The requesting user (RU) logs in over `way` and asks for `port` with CONNECT. */
async function askFor(way: Way, name: string, port: number): Promise<InteractiveClient> {
  const ru = await clients.login(way, name);
  ru.send(`CONNECT ${port}\r`);
  return ru;
}

const END = "E)xclusive, N)on-exclusive, D)on't connect?";
const ENSD = "E)xclusive, N)on-exclusive, S)hare, D)on't connect?";

describe.each(WAYS)('share DISABLE, requester over %s', (way) => {
  const soWay = otherWay(way);

  it('lower RU is refused with the holder named', async () => {
    const port = disablePorts.take();
    await holdPort(clients, soWay, 'adm1', port);
    const ru = await askFor(way, 'usr1', port);
    await ru.expect(noticeLine(`Port ${port} in use by adm1`));
    await ru.expect('> ');
  });

  it('higher RU chooses E: the SO is preempted and the RU holds the port exclusively', async () => {
    const port = disablePorts.take();
    const so = await holdPort(clients, soWay, 'usr1', port);
    const ru = await askFor(way, 'adm1', port);
    await ru.expect(offer(port, 'usr1', 'USER', END));
    ru.send('E');
    await so.expect(noticeLine(`Preempted from port ${port} by adm1 (ADMIN)`));
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), exclusive`));
    await so.expect('> '); // came with CONNECT: back at the CLI (SPEC §9)
  });

  it('equal RU chooses N: the SO is preempted and the RU connects non-exclusively', async () => {
    const port = disablePorts.take();
    const so = await holdPort(clients, soWay, 'usr1', port);
    const ru = await askFor(way, 'usr2', port);
    await ru.expect(offer(port, 'usr1', 'USER', END));
    ru.send('n\r'); // the CR right after the key is swallowed (SPEC §9)
    await so.expect(noticeLine(`Preempted from port ${port} by usr2 (USER)`));
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)})`));
    ru.send('\r');
    await ru.expect(`device${port}$ `);
  });

  it('the Enter after the key is swallowed even when it comes as a keystroke of its own', async () => {
    const port = disablePorts.take();
    await holdPort(clients, soWay, 'usr3', port);
    const ru = await askFor(way, 'usr4', port);
    await ru.expect(offer(port, 'usr3', 'USER', END));
    ru.send('N');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)})`));
    const mark = ru.output.length;
    ru.send('\r'); // the Enter that confirmed N, in a packet of its own
    ru.send('x');
    await ru.expect(/x/);
    // The simulated device answers a CR with its prompt: had the Enter reached it, the prompt
    // would stand before the echoed x.
    expect(ru.output.slice(mark)).not.toContain(`device${port}$`);
  });

  it('equal RU chooses D: nothing changes, the RU is back at the prompt', async () => {
    const port = disablePorts.take();
    const so = await holdPort(clients, soWay, 'usr1', port);
    const ru = await askFor(way, 'usr2', port);
    await ru.expect(offer(port, 'usr1', 'USER', END));
    ru.send('x'); // any other key repeats the question (SPEC §9)
    await ru.expect(offer(port, 'usr1', 'USER', END));
    ru.send('d');
    await ru.expect('> ');
    so.send('\r');
    await so.expect(`device${port}$ `);
    expect(so.output).not.toContain('Preempted');
  });
});

describe.each(WAYS)('share AUTO (per port), requester over %s', (way) => {
  const soWay = otherWay(way);

  it('lower RU is refused with the holder named', async () => {
    const port = autoPorts.take();
    await holdPort(clients, soWay, 'adm1', port);
    const ru = await askFor(way, 'usr1', port);
    await ru.expect(noticeLine(`Port ${port} in use by adm1`));
    await ru.expect('> ');
  });

  it('equal RU is offered E/N/S/D and S joins at once, without asking the SO', async () => {
    const port = autoPorts.take();
    const so = await holdPort(clients, soWay, 'usr1', port);
    const ru = await askFor(way, 'usr2', port);
    await ru.expect(offer(port, 'usr1', 'USER', ENSD));
    ru.send('S');
    await ru.expect(noticeLine(`Connection complete: port ${port} (${portLabel(port)}), shared with 1`));
    await so.expect(noticeLine(`usr2 joined port ${port}`));
    expect(so.output).not.toContain('asks to share');
  });

  it('equal RU against an exclusive holder is offered E/N/D only, and D leaves it be', async () => {
    const port = autoPorts.take();
    const so = await holdPort(clients, soWay, 'usr1', port, `CONNECT ${port} EXCLUSIVE`);
    const ru = await askFor(way, 'usr2', port);
    await ru.expect(offer(port, 'usr1', 'USER', END));
    ru.send('s'); // not offered: the question is repeated
    await ru.expect(offer(port, 'usr1', 'USER', END));
    ru.send('D');
    await ru.expect('> ');
    expect(so.output).not.toContain('Preempted');
  });
});
