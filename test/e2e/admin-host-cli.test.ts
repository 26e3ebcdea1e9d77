/**
 * Issue 5, the host command line (SPEC §8, §9) against a running daemon: typed commands change
 * what real clients see (`ccmd port set 3 --share auto` switches the broker from asking the SO to
 * sharing at once), `ccmd user add --password-stdin` makes a user who logs in over real SSH, and
 * at a terminal (a pty from script(1)) `ccmd user add` asks for the password twice, unechoed,
 * `--json` parses, and exit statuses 0 / 1 / 2
 * (`--help` is admin-help.test.ts).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAIN, runCli, startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { noticeLine } from './access-fixture.js';
import { Logins, addUsers, execOk } from './admin-fixture.js';

let daemon: DaemonProcess;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  daemon = await startDaemon();
  await addUsers(daemon, [
    { name: 'usr1', password: 'usr1-pass1' },
    { name: 'usr2', password: 'usr2-pass1' },
  ]);
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await daemon?.stop();
});

const ENSD = "E)xclusive, N)on-exclusive, S)hare, D)on't connect?";

describe('typed commands drive the running daemon', () => {
  it('ccmd port set 3 --share auto: the next S on port 3 joins at once instead of asking the SO', async () => {
    const so = await logins.login('telnet', 'usr1', 'usr1-pass1');
    so.send('CONNECT 3\r');
    await so.expect(noticeLine(`Connection complete: port 3 (${portLabel(3)})`));
    const ru = await logins.login('ssh', 'usr2', 'usr2-pass1');

    // Before: the appliance default QUERY applies, so S asks the SO, who says no.
    ru.send('CONNECT 3\r');
    await ru.expect(noticeLine(`Port 3 in use by usr1 (USER). ${ENSD}`));
    ru.send('S');
    await ru.expect(noticeLine('Waiting for usr1 to approve sharing of port 3'));
    await so.expect(noticeLine('usr2 (USER) asks to share port 3. Allow? (Y/N)'));
    so.send('n');
    await ru.expect(noticeLine('Share request refused by usr1'));
    await ru.expect('> ');

    const changed = await daemon.cli(['port', 'set', '3', '--share', 'auto']);
    expect(changed).toMatchObject({ code: 0, stderr: '' });
    expect(await execOk(daemon, 'SHOW PORT 3')).toMatch(/^Share:\s+AUTO$/m);

    // After: same two users, same port; S joins without a question to the SO.
    const soMark = so.output.length;
    ru.send('CONNECT 3\r');
    await ru.expect(noticeLine(`Port 3 in use by usr1 (USER). ${ENSD}`));
    ru.send('S');
    await ru.expect(noticeLine(`Connection complete: port 3 (${portLabel(3)}), shared with 1`));
    await so.expect(noticeLine('usr2 joined port 3'));
    expect(so.output.slice(soMark)).not.toContain('asks to share');
    await daemon.cli(['port', 'set', '3', '--share', 'server']);
  });

  it('ccmd user add --password-stdin: that user logs in over real SSH with the rights given', async () => {
    const added = await daemon.cli(['user', 'add', 'jdoe', '--access', 'P1-4,SMON', '--password-stdin'], 'jdoe-secret1\n');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const jdoe = await logins.login('ssh', 'jdoe', 'jdoe-secret1');
    jdoe.send('CONNECT 5\r');
    await jdoe.expect(noticeLine('Insufficient privileges: port 5'));
    jdoe.send('CONNECT 4\r');
    await jdoe.expect(noticeLine(`Connection complete: port 4 (${portLabel(4)})`));
    // The password went through stdin, never the command line: the audit shows no secret.
    expect(daemon.log()).not.toContain('jdoe-secret1');
  });

  it('ccmd user add jdoe --access P1-4,SMON at a terminal (SPEC §8 as written): asks twice, shows nothing typed', async () => {
    const added = await cliInTerminal(['user', 'add', 'kim', '--access', 'P1-4,SMON'], [['Password for kim: ', 'kim-secret1\r'], ['Password again: ', 'kim-secret1\r']]);
    expect(added.code, added.output).toBe(0);
    expect(added.output).not.toContain('kim-secret1');
    const kim = await logins.login('ssh', 'kim', 'kim-secret1');
    kim.send('CONNECT 4\r');
    await kim.expect(noticeLine(`Connection complete: port 4 (${portLabel(4)})`));

    const typo = await cliInTerminal(['user', 'add', 'lee'], [['Password for lee: ', 'lee-secret1\r'], ['Password again: ', 'lee-secret2\r']]);
    expect(typo.code).toBe(1);
    expect(typo.output).toContain('ccmd: user not added: the two passwords typed differ');
    expect(await daemon.cli(['exec', 'SHOW USER lee'])).toMatchObject({ code: 1, stdout: expect.stringContaining('ERR 07') });
  });

  it('ccmd user list --json and ccmd sessions --json parse as JSON', async () => {
    const holder = await logins.login('telnet', 'usr1', 'usr1-pass1');
    holder.send('CONNECT 7\r');
    await holder.expect(noticeLine(`Connection complete: port 7 (${portLabel(7)})`));

    const users = await daemon.cli(['user', 'list', '--json']);
    expect(users.code).toBe(0);
    const listed = JSON.parse(users.stdout) as { users: { name: string; level: string; access: string }[] };
    expect(listed.users.map((u) => u.name)).toEqual(expect.arrayContaining(['Admin', 'usr1', 'usr2']));
    expect(listed.users.find((u) => u.name === 'Admin')).toMatchObject({ level: 'APPLIANCEADMIN' });
    expect(users.stdout).not.toMatch(/hash|\$scrypt|\$argon/i);

    const sessions = await daemon.cli(['sessions', '--json']);
    expect(sessions.code).toBe(0);
    const ports = JSON.parse(sessions.stdout) as { port: number; status: string; session: string | null; initiator: string | null; users: string[] }[];
    expect(ports).toHaveLength(16);
    expect(ports.find((p) => p.port === 7)).toMatchObject({ status: 'Active', initiator: 'usr1', session: expect.stringMatching(/^S\d+$/) });
    expect(ports.find((p) => p.port === 8)).toMatchObject({ status: 'Inactive', session: null });
  });
});

describe('exit status (SPEC §9)', () => {
  it('0 on success, 1 when the command answers with an ERR', async () => {
    expect(await daemon.cli(['exec', 'SHOW SERVER'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Share mode:/m) });
    const unknown = await daemon.cli(['exec', 'BOGUS 1']);
    expect(unknown).toMatchObject({ code: 1, stdout: 'BOGUS 1\n-----\nERR 01 - Unknown command\n' });
    const short = await daemon.cli(['user', 'add', 'ab', '--password-stdin'], 'abcdefgh\n');
    expect(short.code).toBe(1);
    expect(short.stdout).toMatch(/^ERR \d\d - /m);
    expect(short.stdout).not.toContain('abcdefgh');
    expect((await daemon.cli(['port', 'set', '99', '--baud', '9600'])).code).toBe(1);
  });

  it('2 when no daemon answers at the data dir, for every kind of command', async () => {
    const nowhere = join(daemon.dataDir, 'no-daemon-here');
    const commands = [['exec', 'SHOW SERVER'], ['user', 'list'], ['sessions', '--json'], ['port', 'set', '3', '--share', 'auto']];
    const results = await Promise.all(commands.map((args) => runCli([...args, '--data', nowhere])));
    results.forEach((result, i) => {
      expect(result, commands[i]?.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain(`cannot reach the daemon at ${join(nowhere, 'ccmd.sock')}`);
    });
  });
});

/**
 * `ccmd <args>` against this file's daemon in a pseudo-terminal (util-linux script(1)), typing each
 * answer once its prompt has appeared; resolves with the exit status and everything shown.
 */
async function cliInTerminal(args: string[], answers: [prompt: string, typed: string][]): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, MAIN, ...args, '--data', daemon.dataDir].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  try {
    for (const [prompt, typed] of answers) {
      await vi.waitFor(() => expect(output).toContain(prompt), { timeout: 10_000, interval: 20 });
      child.stdin.write(typed);
    }
    return { code: await closed, output };
  } finally {
    child.kill('SIGKILL');
  }
}
