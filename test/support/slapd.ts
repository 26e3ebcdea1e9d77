/**
 * Debian's OpenLDAP `slapd` for the tests (issue 15): a slapd.conf and an mdb database in a
 * temporary folder, filled with `slapadd` before start (offline, fast), listening on
 * ldap://127.0.0.1:<free port>/. Entries: `ou=people` and `ou=groups` under `dc=example,dc=org`,
 * a service account `cn=ccmd-svc`, and the users and groups the test gives.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, registerProcess } from './run-registry.js';

const run = promisify(execFile);
export const SLAPD = '/usr/sbin/slapd';
export const BASE_DN = 'dc=example,dc=org';
export const SERVICE_DN = `cn=ccmd-svc,${BASE_DN}`;
export const SERVICE_PASSWORD = 'svc-pass-1';

export interface LdapUser { readonly uid: string; readonly password: string }
export interface LdapGroup { readonly cn: string; readonly members: readonly string[] }

export interface Slapd {
  readonly port: number;
  readonly pid: number;
  readonly userDn: (uid: string) => string;
  readonly groupDn: (cn: string) => string;
  stop(): Promise<void>;
}

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const userDn = (uid: string) => `uid=${uid},ou=people,${BASE_DN}`;
const groupDn = (cn: string) => `cn=${cn},ou=groups,${BASE_DN}`;

function ldif(users: readonly LdapUser[], groups: readonly LdapGroup[], extra: string): string {
  const entries = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example`,
    `dn: ou=people,${BASE_DN}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${BASE_DN}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ${SERVICE_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: ccmd-svc\nuserPassword: ${SERVICE_PASSWORD}`,
    ...users.map((u) => `dn: ${userDn(u.uid)}\nobjectClass: inetOrgPerson\nuid: ${u.uid}\ncn: ${u.uid}\nsn: ${u.uid}\nuserPassword: ${u.password}`),
    ...groups.map((g) => [`dn: ${groupDn(g.cn)}`, 'objectClass: groupOfNames', `cn: ${g.cn}`,
      ...g.members.map((m) => `member: ${userDn(m)}`)].join('\n')),
  ];
  return `${[...entries, ...(extra.trim() === '' ? [] : [extra.trim()])].join('\n\n')}\n`;
}

function slapdConf(dir: string): string {
  return ['core', 'cosine', 'inetorgperson', 'nis'].map((s) => `include /etc/ldap/schema/${s}.schema`).join('\n') + `
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${dir}/slapd.pid
database mdb
maxsize 8388608
suffix "${BASE_DN}"
rootdn "cn=admin,${BASE_DN}"
directory ${dir}/db
access to attrs=userPassword by anonymous auth by self read by * none
access to * by * read
`;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts slapd with `users` and `groups` (and `extraLdif`, entries under the base written out, such
 * as the README's example); fails the test when it cannot start.
 */
export async function startSlapd(users: readonly LdapUser[], groups: readonly LdapGroup[], extraLdif = ''): Promise<Slapd> {
  const dir = makeTempDir('ccmd-slapd-');
  mkdirSync(join(dir, 'db'));
  const conf = join(dir, 'slapd.conf');
  writeFileSync(conf, slapdConf(dir));
  writeFileSync(join(dir, 'data.ldif'), ldif(users, groups, extraLdif));
  await run('/usr/sbin/slapadd', ['-q', '-f', conf, '-l', join(dir, 'data.ldif')]);
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Issue 16: named in the run's process registry, so a server left running fails its test file.
  registerProcess(child.pid, `slapd -f ${conf} (ldap 127.0.0.1:${port})`);
  let text = '';
  child.stdout?.on('data', (c: Buffer) => { text += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { text += c.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`slapd did not start:\n${text.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { port, pid: child.pid as number, userDn, groupDn, stop };
}
