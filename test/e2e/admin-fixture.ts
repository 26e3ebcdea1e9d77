/**
 * Shared tools for the admin-*.test.ts files (issue 5, administration). Users are created the
 * way an administrator would, with `USER ADD` through the control socket (`daemon.exec`), since
 * that is part of what this issue tests; clients are tracked so every test closes what it opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { InteractiveClient } from '../support/clients.js';
import { startDaemon, type DaemonOptions, type DaemonProcess } from '../support/daemon.js';
import { OpenClients, type LoginOptions, type Way } from '../support/login.js';
import { killAllPtyPairs, makePtyPair, type PtyPair } from '../support/socat.js';

/** Runs one CLI line on the daemon and insists it succeeded; returns what it printed. */
export async function execOk(daemon: DaemonProcess, line: string): Promise<string> {
  const reply = await daemon.exec(line);
  expect(reply, `exec ${line}`).toMatchObject({ status: 0 });
  return reply.output;
}

export interface NewUser {
  readonly name: string;
  readonly password: string;
  /** An ACCESS list (`P1-4,SMON`, `PALL,USER,SMON,PCON,BREAK`); omitted: the default PALL,SMON. */
  readonly access?: string;
}

/** SPEC §3 level rights as ACCESS lists, for USER ADD. */
export const ADMIN_RIGHTS = 'PALL,USER,SMON,PCON,BREAK';
export const APPLIANCEADMIN_RIGHTS = 'PALL,USER,SCON,SMON,PCON,BREAK';

/** `USER ADD` each user through the control socket. */
export async function addUsers(daemon: DaemonProcess, users: readonly NewUser[]): Promise<void> {
  for (const user of users) {
    const access = user.access === undefined ? '' : ` ACCESS=${user.access}`;
    await execOk(daemon, `USER ADD ${user.name} PASSWORD=${user.password}${access}`);
  }
}

/** Real clients a test opened, closed by `closeAll` in afterEach. */
export class Logins extends OpenClients {
  login(way: Way, name: string, password: string, options: LoginOptions = {}): Promise<InteractiveClient> {
    return this.loginWith(way, name, password, options);
  }
}

/**
 * Starts the daemon of a file with socat pty ports: one pty pair per name in a new directory
 * named from `prefix`, the daemon with the options `configure` makes of them (in `names`' order),
 * then `users` added. A failed set-up removes the directory; `closeDaemonAndPtys` ends the rest.
 */
export async function startDaemonOnPtys(prefix: string, names: readonly string[],
  configure: (ptys: PtyPair[]) => DaemonOptions | Promise<DaemonOptions>, users: readonly NewUser[],
): Promise<{ daemon: DaemonProcess; ptyDir: string }> {
  const ptyDir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const ptys: PtyPair[] = [];
    for (const name of names) ptys.push(await makePtyPair(ptyDir, name));
    const daemon = await startDaemon(await configure(ptys));
    await addUsers(daemon, users);
    return { daemon, ptyDir };
  } catch (err) {
    rmSync(ptyDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Ends what a file with socat pty ports started, in order: its logins, the daemon (so no port is
 * still open on a pty), the pty pairs and their directory. Each may be missing if set-up failed.
 */
export async function closeDaemonAndPtys(logins: Logins, daemon: DaemonProcess | undefined, ptyDir: string | undefined): Promise<void> {
  await logins.closeAll();
  await daemon?.stop();
  await killAllPtyPairs();
  if (ptyDir !== undefined) rmSync(ptyDir, { recursive: true, force: true });
}

/**
 * SPEC §9 error output as a client shows it: the line as echoed by the CLI, spaces and dashes
 * under `token` (its first occurrence in `line`), the ERR line; CRLF line ends.
 */
export function errorBlock(line: string, token: string, errLine: string): string {
  const at = line.indexOf(token);
  if (at < 0) throw new Error(`${token} is not in ${line}`);
  return `${line}\r\n${' '.repeat(at)}${'-'.repeat(token.length)}\r\n${errLine}\r\n`;
}

