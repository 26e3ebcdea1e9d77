/**
 * Issue 15: the README's central-authentication examples work as written. The blocks marked
 * `<!-- example: ... -->` are read from README.md: Debian's FreeRADIUS gets the README's client
 * secret and `users` entry, slapd the README's LDIF, and the daemon the README's CLI lines (only
 * the server's host name is replaced by the loopback address the test server listens on). Then
 * the README's user logs in with OpenSSH and reaches ports 1-4 and not port 5, as the README says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess, portLabel } from '../support/daemon.js';
import { startFreeRadius, type FreeRadius } from '../support/freeradius.js';
import { SERVICE_DN, SERVICE_PASSWORD, startSlapd, type Slapd } from '../support/slapd.js';
import { execOk, Logins } from './admin-fixture.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The code block after `<!-- example: <name> -->`. */
function example(name: string): string {
  const marker = `<!-- example: ${name} -->\n\`\`\`\n`;
  const start = README.indexOf(marker);
  if (start === -1) throw new Error(`README.md has no "example: ${name}" block`);
  const body = README.slice(start + marker.length);
  return body.slice(0, body.indexOf('\n```'));
}

/** The `> ` lines of a CLI example, with `host` replaced. */
function cliLines(name: string, host: string, by: string): string[] {
  return example(name).split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2).replaceAll(host, by));
}

function match(text: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(text)?.[1];
  if (found === undefined) throw new Error(`README example: no ${what}`);
  return found;
}

let daemon: DaemonProcess;
let radius: FreeRadius;
let slapd: Slapd;
const logins = new Logins(() => daemon);

beforeAll(async () => {
  const secret = match(example('radius-client'), /secret = (\S+)/, 'RADIUS client secret');
  [daemon, radius, slapd] = await Promise.all([
    startDaemon(),
    startFreeRadius(example('radius-users'), secret),
    startSlapd([], [], example('ldap-entries')),
  ]);
});
afterEach(() => logins.closeAll());
afterAll(async () => {
  await logins.closeAll();
  await Promise.all([daemon?.stop(), radius?.stop(), slapd?.stop()]);
});

/** The README's claim: the user reaches port 3 and is refused port 5; SHOW USER names the source. */
async function reachesPortsOneToFour(user: string, password: string, source: string): Promise<void> {
  const client = await logins.login('ssh', user, password);
  client.send('CONNECT 3\r');
  await client.expect(`[ccmd] Connection complete: port 3 (${portLabel(3)})`, 10_000);
  client.send('\x04');
  await client.expect('> ');
  client.send('DISCONNECT\r');
  await client.expect('> ');
  client.send('CONNECT 5\r');
  await client.expect('[ccmd] Insufficient privileges: port 5', 10_000);
  expect(await execOk(daemon, `SHOW USER ${user}`)).toMatch(new RegExp(`Source:\\s+${source}`));
}

describe('README central authentication examples', () => {
  it('RADIUS: the FreeRADIUS client and users entry, then the CLI lines, log jdoe in with ports 1-4', async () => {
    for (const line of cliLines('radius-ccmd', 'radius.example.org', `127.0.0.1:${radius.port}`)) await execOk(daemon, line);
    const users = example('radius-users');
    await reachesPortsOneToFour(match(users, /^(\S+)\s/, 'user'), match(users, /Cleartext-Password := "([^"]+)"/, 'password'), 'RADIUS');
  });

  it('LDAP: the LDIF entries, then the CLI lines, log jdoe in with ports 1-4', async () => {
    const lines = cliLines('ldap-ccmd', 'ldap://ldap.example.org', `ldap://127.0.0.1:${slapd.port}`);
    // The README's service account is the one the test directory has.
    expect(lines[0]).toContain(`BINDDN=${SERVICE_DN} BINDPW=${SERVICE_PASSWORD}`);
    for (const line of lines) await execOk(daemon, line);
    const entries = example('ldap-entries');
    await reachesPortsOneToFour(match(entries, /^uid: (\S+)$/m, 'uid'), match(entries, /^userPassword: (\S+)$/m, 'password'), 'LDAP');
  });
});
