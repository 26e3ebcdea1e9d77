/**
 * Shared cast and small tools for the access-*.test.ts files (issue 4, "ways in"): the users of
 * each level, a login shorthand that closes every client after each test, and a port allocator
 * so each test has ports nobody else touched (no waiting for the previous test's leave).
 */
import type { InteractiveClient } from '../support/clients.js';
import { ADMIN_PASSWORD, portLabel } from '../support/daemon.js';
import { OpenClients, type LoginOptions, type Way } from '../support/login.js';
import type { SeedUser } from '../support/users.js';

/** Level order of SPEC §4: APPLIANCEADMIN > ADMIN > USER. */
export const CAST: readonly SeedUser[] = [
  { name: 'usr1', password: 'usr1-pass1' },
  { name: 'usr2', password: 'usr2-pass1' },
  { name: 'usr3', password: 'usr3-pass1' },
  { name: 'usr4', password: 'usr4-pass1' },
  { name: 'adm1', password: 'adm1-pass1', access: 'ADMIN' },
  { name: 'adm2', password: 'adm2-pass1', access: 'ADMIN' },
];

/** The password of the user a login name (`usr1`, `usr1:3:E`, `usr1 E`) names. */
export function passwordOf(loginName: string): string {
  const name = loginName.split(/[: ]/)[0];
  if (name === 'Admin') return ADMIN_PASSWORD;
  const user = CAST.find((u) => u.name === name);
  if (user?.password === undefined) throw new Error(`no such test user: ${loginName}`);
  return user.password;
}

/** The other way in: a dialogue's two sides use different clients, so each plays each role. */
export function otherWay(way: Way): Way {
  return way === 'ssh' ? 'telnet' : 'ssh';
}

/** `[ccmd] <text>` exactly as SPEC §7 prints it. */
export function notice(text: string): string {
  return `[ccmd] ${text}`;
}

/** Clients opened by a test, closed by `closeAll` in afterEach; passwords come from the cast. */
export class Clients extends OpenClients {
  login(way: Way, name: string, options: LoginOptions = {}): Promise<InteractiveClient> {
    return this.loginWith(way, name, passwordOf(name), options);
  }
}

/** Hands out port numbers from a range, each once. */
export class PortPool {
  private next: number;

  constructor(first: number, private readonly last: number) {
    this.next = first;
  }

  take(): number {
    if (this.next > this.last) throw new Error(`port pool exhausted at ${this.last}: give the file more ports`);
    return this.next++;
  }
}

/** Logs `name` in at the CLI and connects to `port`, waiting for `Connection complete`. */
export async function holdPort(clients: Clients, way: Way, name: string, port: number,
  command = `CONNECT ${port}`): Promise<InteractiveClient> {
  const client = await clients.login(way, name);
  client.send(`${command}\r`);
  await client.expect(notice(`Connection complete: port ${port} (${portLabel(port)})`));
  return client;
}

/** Matches the whole notice line `[ccmd] <text>` (nothing after it but the line end). */
export function noticeLine(text: string): RegExp {
  return new RegExp(`\\[ccmd\\] ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\r?\\n`);
}
