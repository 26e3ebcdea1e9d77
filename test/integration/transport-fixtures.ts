/**
 * Small real stand-ins for the transport tests: an Authenticator over a fixed user map, a
 * login-name parser for `user[:port][:E]`, a LoginHandler that greets and echoes, and the Telnet
 * listener options and teardown the Telnet tests share, and the SSH host key and break-test
 * listener the ssh-break tests share.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../src/logger.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TelnetCodec } from '../../src/protocol/telnet/index.js';
import type { AuthOutcome, Authenticator, LoginHandler, LoginTarget } from '../../src/transports/auth.js';
import { loadOrCreateHostKey } from '../../src/transports/ssh/host-key.js';
import type { ParsedLoginName } from '../../src/transports/ssh/ssh-auth.js';
import { SshServer } from '../../src/transports/ssh/ssh-server.js';
import type { TelnetServer } from '../../src/transports/telnet/telnet-server.js';
import type { ClientInfo, Terminal } from '../../src/transports/terminal.js';
import type { InteractiveClient } from '../support/clients.js';
import { RawTelnet } from '../support/raw-telnet.js';

export interface TestUser {
  readonly password?: string;
  /** `ssh-ed25519 AAAA...` lines. */
  readonly keys?: readonly string[];
  readonly locked?: boolean;
}

export class MapAuthenticator implements Authenticator {
  readonly passwordChecks: { user: string; client: ClientInfo }[] = [];
  readonly keyChecks: { user: string; algo: string }[] = [];
  /** Checks answered so far (password and key): a held check has finished once this catches up. */
  answered = 0;
  methods = { password: true, publicKey: true, enabled: true };
  /** Delay before each answer, to hold a login mid-check. */
  delayMs = 0;
  private held: Promise<void> | null = null;

  constructor(private readonly users: Record<string, TestUser>) {}

  async checkPassword(user: string, password: string, client: ClientInfo): Promise<AuthOutcome> {
    this.passwordChecks.push({ user, client });
    await this.pause();
    const entry = this.users[user];
    if (entry?.locked === true) return { ok: false, reason: 'locked' };
    if (entry?.password === undefined || entry.password !== password) return { ok: false, reason: 'bad-credentials' };
    return { ok: true, user };
  }

  async checkPublicKey(user: string, algo: string, data: Buffer): Promise<AuthOutcome> {
    this.keyChecks.push({ user, algo });
    await this.pause();
    const entry = this.users[user];
    if (entry?.locked === true) return { ok: false, reason: 'locked' };
    const known = (entry?.keys ?? []).some((line) => Buffer.from(line.split(' ')[1] ?? '', 'base64').equals(data));
    return known ? { ok: true, user } : { ok: false, reason: 'bad-credentials' };
  }

  sshMethods(): { password: boolean; publicKey: boolean; enabled: boolean } {
    return this.methods;
  }

  /** Holds every answer to a check started from now on, until the returned function runs. */
  holdAnswers(): () => void {
    let release = (): void => undefined;
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = null;
      release();
    };
  }

  private async pause(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.held !== null) await this.held;
    this.answered++;
  }
}

/** `user`, `user:port`, `user:E`, `user:port:E`; a port of digits is a number. */
export function parseTestLoginName(name: string): ParsedLoginName {
  const parts = name.split(':');
  const user = parts[0] ?? '';
  if (user === '' || parts.length > 3) return { ok: false, error: 'bad login name' };
  let exclusive = false;
  if (parts.length > 1 && parts[parts.length - 1]?.toUpperCase() === 'E') {
    exclusive = true;
    parts.pop();
  }
  const port = parts[1];
  if (parts.length > 2 || port === '') return { ok: false, error: 'bad login name' };
  return { ok: true, user, port: port === undefined ? null : /^\d+$/.test(port) ? Number(port) : port, exclusive };
}

export interface RecordedLogin {
  readonly terminal: Terminal;
  readonly user: string;
  readonly target: LoginTarget;
  readonly received: Buffer[];
  readonly resizes: [number, number][];
  breaks: number;
  closed: boolean;
}

/**
 * Greets with `hello <user> port=<port> excl=<bool>`, echoes typed bytes, answers a break with
 * `BREAK!`, a resize with `size=<c>x<r>`, and closes the terminal when `bye` is typed.
 */
export function greetingHandler(): { handler: LoginHandler; logins: RecordedLogin[] } {
  const logins: RecordedLogin[] = [];
  const handler: LoginHandler = (terminal, login) => {
    const record: RecordedLogin = { terminal, ...login, received: [], resizes: [], breaks: 0, closed: false };
    logins.push(record);
    terminal.write(`hello ${login.user} port=${String(login.target.port)} excl=${String(login.target.exclusive)}\r\n`);
    terminal.on('data', (chunk) => {
      record.received.push(chunk);
      terminal.write(chunk);
      if (Buffer.concat(record.received).includes('bye')) {
        terminal.write('\r\ngoodbye\r\n');
        terminal.close();
      }
    });
    terminal.on('break', () => {
      record.breaks++;
      terminal.write('BREAK!\r\n');
    });
    terminal.on('resize', (columns, rows) => {
      record.resizes.push([columns, rows]);
      terminal.write(`size=${columns}x${rows}\r\n`);
    });
    terminal.on('close', () => (record.closed = true));
  };
  return { handler, logins };
}

/** CLI logins whose terminal is still open: what the daemon counts as active CLI logins. */
export function activeCliLogins(logins: readonly RecordedLogin[]): number {
  return logins.filter((login) => !login.closed && login.target.port === null).length;
}


/** What every test Telnet listener shares: loopback, an ephemeral port, the project's codec, the test login names. */
export function telnetTestOptions(authenticator: Authenticator, onLogin: LoginHandler) {
  return { host: '127.0.0.1', port: 0, createCodec: () => new TelnetCodec(), authenticator, parseLoginName: parseTestLoginName, onLogin };
}

/**
 * The Telnet servers and clients a test file's tests start: push them here and they are closed,
 * with every raw Telnet socket, after each test.
 */
export function closedAfterEachTelnetTest(): { servers: TelnetServer[]; clients: InteractiveClient[] } {
  const servers: TelnetServer[] = [];
  const clients: InteractiveClient[] = [];
  afterEach(async () => {
    RawTelnet.destroyAll();
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return { servers, clients };
}

/**
 * A real SSH host key made once for a test file in a temporary directory, removed after it:
 * read `hostKey.value` inside the tests.
 */
export function sshHostKeyForFile(prefix: string): { readonly value: string } {
  const key = { value: '' };
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    key.value = (await loadOrCreateHostKey(join(dir, 'data'))).privateKey;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return key;
}

/** An SSH listener on port 0 (not yet listening) where alice logs in with `alicepw1` and is greeted. */
export function aliceSshServer(hostKey: string, logger: Logger): { server: SshServer; logins: RecordedLogin[] } {
  const { handler, logins } = greetingHandler();
  const server = new SshServer({
    host: '127.0.0.1', port: 0, hostKey, logger, listenerName: 'ssh-cli',
    authenticator: new MapAuthenticator({ alice: { password: 'alicepw1' } }),
    parseLoginName: parseTestLoginName, onLogin: handler,
  });
  return { server, logins };
}
