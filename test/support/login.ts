/**
 * Logs in to a running daemon through a REAL client (OpenSSH or telnet) and returns it at the
 * first thing after authentication (the `> ` prompt, or the port's banner for direct logins).
 */
import type { DaemonProcess } from './daemon.js';
import { sshClient, telnetClient, type InteractiveClient } from './clients.js';

export type Way = 'ssh' | 'telnet';
export const WAYS: readonly Way[] = ['ssh', 'telnet'];

export interface LoginOptions {
  /** Connect to this TCP port instead of the CLI listener (a per-port socket). */
  readonly tcpPort?: number;
  /** What to wait for after the password; default the CLI prompt. */
  readonly expect?: string | RegExp;
}

export async function loginAs(daemon: DaemonProcess, way: Way, name: string, password: string,
  options: LoginOptions = {}): Promise<InteractiveClient> {
  const waitFor = options.expect ?? '> ';
  if (way === 'ssh') {
    const client = await sshClient({ port: options.tcpPort ?? daemon.ready.ssh, user: name, password });
    await client.expect(waitFor, 10_000);
    return client;
  }
  const client = telnetClient({ port: options.tcpPort ?? daemon.ready.telnet });
  await client.expect('Username:', 10_000);
  client.send(`${name}\r`);
  await client.expect('Password:', 5000);
  client.send(`${password}\r`);
  await client.expect(waitFor, 10_000);
  return client;
}

/** Text the client printed after `mark` (an index into `output`), for checking what came next. */
export function outputSince(client: InteractiveClient, mark: number): string {
  return client.output.slice(mark);
}

/** Real clients a test opened, closed by `closeAll` (in afterEach). */
export class OpenClients {
  private readonly open: InteractiveClient[] = [];

  constructor(private readonly daemon: () => DaemonProcess) {}

  /** Logs `name` in and keeps the client for `closeAll`. */
  async loginWith(way: Way, name: string, password: string, options: LoginOptions = {}): Promise<InteractiveClient> {
    return this.track(await loginAs(this.daemon(), way, name, password, options));
  }

  /** Keeps a client started some other way. */
  track(client: InteractiveClient): InteractiveClient {
    this.open.push(client);
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((c) => c.close()));
  }
}
