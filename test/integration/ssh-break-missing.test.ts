/**
 * Issue 13: when ssh2's internals no longer take the break patch, the SSH listener says so: one
 * warning for the server (not one per login), and every SSH shell is told first that `~B` is not
 * supported and `PORT <n> BREAK` is the way, instead of breaks vanishing in silence. The patch is
 * made to report a missing internal here; everything else (ssh2, OpenSSH) is real.
 */
import { pino } from 'pino';
import { expect, it, vi } from 'vitest';
import { BREAK_UNSUPPORTED_MESSAGE } from '../../src/transports/ssh/ssh-server.js';
import { sshClient, type InteractiveClient } from '../support/clients.js';
import { aliceSshServer, sshHostKeyForFile } from './transport-fixtures.js';

vi.mock('../../src/transports/ssh/ssh-break.js', () => ({
  interceptBreakRequests: () => ({ applied: false, missing: 'Protocol._handlers.CHANNEL_REQUEST' }),
}));

const hostKey = sshHostKeyForFile('ccmd-ssh-nobreak-');

it('warns once and tells each SSH user that ~B is not supported; the session goes on', async () => {
  const records: { level: number; msg: string; missing?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => { records.push(JSON.parse(line) as (typeof records)[number]); } });
  const { server, logins } = aliceSshServer(hostKey.value, logger);
  const clients: InteractiveClient[] = [];
  try {
    const port = await server.listen();
    for (let i = 0; i < 2; i++) {
      const client = await sshClient({ port, user: 'alice', password: 'alicepw1' });
      clients.push(client);
      await client.expect(BREAK_UNSUPPORTED_MESSAGE.trim());
      await client.expect('hello alice');
    }
    const [first] = clients as [InteractiveClient];
    // ~B then ordinary typing: ssh sends both in order, so the echo of `zq7` comes after any answer.
    first.send('\r~B');
    first.send('zq7');
    const upToEcho = await first.expect('zq7');
    expect(upToEcho).not.toContain('BREAK!');
    expect(logins[0]?.breaks).toBe(0);
    const warnings = records.filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ missing: 'Protocol._handlers.CHANNEL_REQUEST' });
    expect(warnings[0]?.msg).toMatch(/break requests \(~B\) cannot be received/);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  }
});
