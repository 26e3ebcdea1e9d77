/**
 * Issue 13 guard: ccmd reaches into ssh2 internals to receive RFC 4335 `break` requests
 * (src/transports/ssh/ssh-break.ts). These tests fail loudly when an ssh2 upgrade moves them:
 * the patch must report that it applied to a real ssh2 server connection (made by a real ssh2
 * client), and OpenSSH's `~B` must arrive as a break at the SSH listener with no warning logged.
 * The other side (the patch does not apply: a warning, and users told) is ssh-break-missing.test.ts.
 */
import { pino } from 'pino';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { interceptBreakRequests, type BreakInterception } from '../../src/transports/ssh/ssh-break.js';
import { BREAK_UNSUPPORTED_MESSAGE } from '../../src/transports/ssh/ssh-server.js';
import { sshClient, type InteractiveClient } from '../support/clients.js';
import { aliceSshServer, sshHostKeyForFile } from './transport-fixtures.js';

const hostKey = sshHostKeyForFile('ccmd-ssh-break-');

/** A bare ssh2 server and a real ssh2 client: what the patch reports on the server's connection. */
async function patchOnRealConnection(): Promise<BreakInterception> {
  const server = new ssh2.Server({ hostKeys: [hostKey.value] });
  const result = new Promise<BreakInterception>((resolve, reject) => {
    server.on('connection', (connection: Connection) => {
      connection.on('error', reject);
      connection.on('authentication', (ctx) => ctx.accept());
      connection.on('ready', () => resolve(interceptBreakRequests(connection)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new ssh2.Client();
  try {
    const clientError = new Promise<never>((_resolve, reject) => client.on('error', reject));
    client.connect({ host: '127.0.0.1', port: (server.address() as { port: number }).port, username: 'guard' });
    return await Promise.race([result, clientError]);
  } finally {
    client.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the ssh2 break patch (issue 13 guard)', () => {
  it('applies to a real ssh2 server connection', async () => {
    // A failure here names the internal ssh2 moved: adapt ssh-break.ts to the new ssh2.
    expect(await patchOnRealConnection()).toEqual({ applied: true });
  });

  it("turns OpenSSH's ~B into a break at the listener, with no warning and no 'not supported' line", async () => {
    const records: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => { records.push(JSON.parse(line) as { level: number; msg: string }); } });
    const { server, logins } = aliceSshServer(hostKey.value, logger);
    let client: InteractiveClient | undefined;
    try {
      const port = await server.listen();
      client = await sshClient({ port, user: 'alice', password: 'alicepw1' });
      await client.expect('hello alice');
      client.send('\r~B');
      await client.expect('BREAK!');
      client.send('~B');
      await client.expect('BREAK!');
      expect(logins[0]?.breaks).toBe(2);
      expect(client.output).not.toContain(BREAK_UNSUPPORTED_MESSAGE.trim());
      expect(records.filter((r) => r.level >= 40)).toEqual([]);
    } finally {
      await client?.close();
      await server.close();
    }
  });
});
