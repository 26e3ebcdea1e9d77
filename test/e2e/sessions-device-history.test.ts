/**
 * SPEC §5 session history records `device-lost` and `device-back` (issue 13): a real telnet
 * client and a real OpenSSH client share port 1, whose device is a socat pty; socat is killed
 * under them and restarted, and `SHOW SESSION <id> HISTORY` (text and --json) holds both events,
 * in order, after the joins, with no user (the device did it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { loginAs, type Way } from '../support/login.js';
import { killAllPtyPairs, makePtyPair, type PtyPair } from '../support/socat.js';
import { seedUsers } from '../support/users.js';
import { historyJson, historyTriples, showSessionsRow } from './sessions-fixture.js';

const PASSWORD = 'device-pass1';
const USERS: readonly [string, Way][] = [['ann', 'telnet'], ['ben', 'ssh']];

let dir: string;
let pty: PtyPair;
let daemon: DaemonProcess;
const clients: InteractiveClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-devhist-'));
  pty = await makePtyPair(dir, 'dev1');
  const dataDir = join(dir, 'data');
  await seedUsers(dataDir, USERS.map(([name]) => ({ name, password: PASSWORD })), { server: { share: 'AUTO' } });
  daemon = await startDaemon({ dataDir, config: { ports: { 1: { device: pty.devicePath } } } });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await daemon?.stop();
  await killAllPtyPairs();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('session history across a lost device', () => {
  it('records device-lost and device-back while the users stay attached', async () => {
    for (const [user, way] of USERS) {
      const client = await loginAs(daemon, way, `${user}:1`, PASSWORD, { expect: /Connection complete: port 1|D\)on't connect\?/ });
      clients.push(client);
      if (/D\)on't connect\?\s*$/.test(client.output)) {
        client.send('S');
        await client.expect('[ccmd] Connection complete: port 1', 10_000);
      }
    }
    const id = (await showSessionsRow(daemon, 1))[3]!;
    expect(id).toMatch(/^S\d+$/);

    await pty.kill();
    await Promise.all(clients.map((c) => c.expect('[ccmd] Port 1 device lost', 10_000)));
    await pty.restart();
    await Promise.all(clients.map((c) => c.expect('[ccmd] Port 1 device back', 15_000)));

    const triples = await historyTriples(daemon, id);
    expect(triples.map((t) => t[0])).toEqual(['created', 'joined', 'device-lost', 'device-back']);
    expect(triples.slice(2)).toEqual([['device-lost', '-'], ['device-back', '-']]);
    const events = await historyJson(daemon, id);
    expect(events.slice(2).map((e) => [e.event, e.user])).toEqual([['device-lost', ''], ['device-back', '']]);
    expect(events[2]!.at <= events[3]!.at).toBe(true);
    for (const client of clients) expect(client.hasExited).toBe(false);
  }, 80_000);
});
