/**
 * Issue 5, `ccmd console` (SPEC §2, §9): the appliance's serial console over the control socket.
 * Driven as a person would, through a pty (`script` around `node dist/main.js console`), and once
 * as a raw unix socket speaking src/transports/control-protocol.ts. It is never locked out.
 */
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InteractiveClient, shellQuote, sshClient } from '../support/clients.js';
import { ADMIN_PASSWORD, MAIN, runCli, startDaemon, type DaemonProcess } from '../support/daemon.js';
import { Logins, addUsers, execOk } from './admin-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);
const sockets: Socket[] = [];

beforeAll(async () => {
  daemon = await startDaemon();
  await addUsers(daemon, [{ name: 'jdoe', password: 'jdoe-pass1', access: 'P1-4,SMON' }]);
});
afterEach(async () => {
  await logins.closeAll();
  for (const socket of sockets.splice(0)) socket.destroy();
});
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

/*
 * Line ends: the daemon writes CRLF and the pty's own output processing (ONLCR, which Node's raw
 * mode keeps) turns that into CR CR LF on screen, so patterns accept any CRs before LF.
 */
function openConsole(dataDir = daemon.dataDir): InteractiveClient {
  const command = [process.execPath, MAIN, '--data', dataDir, 'console'].map(shellQuote).join(' ');
  return logins.track(new InteractiveClient(command));
}

/** One OpenSSH password attempt as `user`; true at the prompt, false when refused. */
async function sshAttempt(user: string, password: string): Promise<boolean> {
  const client = logins.track(await sshClient({ port: daemon.ready.ssh, user, password, methods: 'password' }));
  await client.expect(/> |Permission denied/, 10_000);
  return client.output.includes('> ');
}

describe('ccmd console through a pty', () => {
  it('shows the > prompt, runs SHOW USER ALL, and QUIT ends it with status 0', async () => {
    const term = openConsole();
    await term.expect('> ', 10_000);
    term.send('SHOW USER ALL\r');
    await term.expect(/User\s+Pass\s+Key\s+Lock\s+Level\s+Access\s+Source\r*\n/);
    await term.expect(/Admin\s+YES\s+NO\s+NO\s+APPLIANCEADMIN\s+PALL,USER,SCON,SMON,PCON,BREAK\s+LOCAL\s/);
    await term.expect(/jdoe\s+YES\s+NO\s+NO\s+USER\s+P1-4,SMON\s+LOCAL\s/);
    await term.expect('> ');
    term.send('QUIT\r');
    expect((await term.waitExit(5000)).code).toBe(0);
  });

  it('edits the database like any admin: USER ADD from the console, then that user logs in over SSH', async () => {
    const term = openConsole();
    await term.expect('> ', 10_000);
    term.send('USER ADD consoled PASSWORD=consoled-pw1 ACCESS=P1,SMON\r');
    await term.expect(/ACCESS=P1,SMON\r*\n> /);
    expect(term.output).not.toContain('ERR');
    expect(await sshAttempt('consoled', 'consoled-pw1')).toBe(true);
  });

  it('is never locked out: with Admin locked on the network, the console unlocks Admin', async () => {
    for (let i = 1; i <= 5; i++) expect(await sshAttempt('Admin', `wrong-pass${i}`)).toBe(false);
    expect(await sshAttempt('Admin', ADMIN_PASSWORD)).toBe(false);
    const term = openConsole();
    await term.expect('> ', 10_000);
    term.send('SHOW USER Admin\r');
    await term.expect(/Locked:\s+YES\r*\nLocked until:\s+\S+ \(60 min\)\r*\n/);
    term.send('USER UNLOCK Admin\r');
    await term.expect(/USER UNLOCK Admin\r*\n> /);
    expect(await sshAttempt('Admin', ADMIN_PASSWORD)).toBe(true);
  });

  it('with no daemon behind the data dir it exits 2 (SPEC §9)', async () => {
    const result = await runCli(['--data', join(daemon.dataDir, 'nowhere'), 'console']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot reach the daemon');
  });
});

describe('the control socket spoken raw (control-protocol.ts)', () => {
  it('a console request turns the socket into a terminal at the > prompt', async () => {
    const socket = connect(join(daemon.dataDir, 'ccmd.sock'));
    sockets.push(socket);
    let text = '';
    socket.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    socket.write(JSON.stringify({ type: 'console' }) + '\n');
    await vi.waitFor(() => { expect(text.includes('> '), 'the console prompt').toBe(true); }, { timeout: 5000 });
    socket.write('SHOW SERVER SECURITY\r');
    await vi.waitFor(() => { expect(/Lockout:\s+1 h after 5 failed logins\r\n/.test(text), 'SHOW SERVER SECURITY output').toBe(true); }, { timeout: 5000 });
    socket.write('QUIT\r');
    await vi.waitFor(() => { expect(socket.destroyed || socket.readableEnded, 'the daemon to close the console').toBe(true); }, { timeout: 5000 });
  });

  it('exec answers one JSON line with the status of SPEC §9', async () => {
    expect(await daemon.exec('SHOW USER jdoe')).toMatchObject({ status: 0, output: expect.stringMatching(/Access:\s+P1-4,SMON/) });
    expect(await daemon.exec('SHOW USER nobody')).toMatchObject({ status: 1, output: expect.stringContaining('ERR 07 - No such user') });
    await execOk(daemon, 'SHOW SERVER');
  });
});
