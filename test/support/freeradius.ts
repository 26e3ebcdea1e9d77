/**
 * Debian's FreeRADIUS (`/usr/sbin/freeradius`) for the tests (issue 15): a minimal config
 * written to a temporary folder (no modules beyond `files` and `pap`, so it is ready in well
 * under a second), listening on 127.0.0.1 on a free UDP port, with the users the test gives.
 * Every request must carry a Message-Authenticator (`require_message_authenticator`), and every
 * answer carries one, as FreeRADIUS 3.2.5+ does by default (BlastRADIUS); 3.2.1 needs the
 * `update reply` lines below.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, registerProcess } from './run-registry.js';

export const FREERADIUS = '/usr/sbin/freeradius';

export interface RadiusUser {
  readonly name: string;
  readonly password: string;
  /** Filter-Id values in the Access-Accept (e.g. `ccmd:P1-4,SMON`). */
  readonly filterIds?: readonly string[];
}

export interface FreeRadius {
  readonly port: number;
  readonly secret: string;
  readonly pid: number;
  /** Everything the server printed (requests, decisions). */
  output(): string;
  stop(): Promise<void>;
}

/** A UDP port nobody uses right now (the server binds it a moment later). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The `users` file: entries made from `users`, or a file's text as given (the README's example). */
function usersFile(users: readonly RadiusUser[] | string): string {
  if (typeof users === 'string') return users;
  return users.map((u) => {
    const replies = (u.filterIds ?? []).map((f) => `\tFilter-Id += ${quote(f)}`);
    return `${u.name} Cleartext-Password := ${quote(u.password)}\n${replies.join(',\n')}\n`;
  }).join('\n');
}

function radiusdConf(dir: string, port: number, secret: string): string {
  return `prefix = /usr
localstatedir = ${dir}
logdir = ${dir}
raddbdir = ${dir}
run_dir = ${dir}
libdir = /usr/lib/freeradius
dictdir = /usr/share/freeradius
pidfile = ${dir}/radiusd.pid
max_request_time = 5
cleanup_delay = 0
max_requests = 4096
log {
  destination = stdout
  auth = yes
}
security {
  reject_delay = 0
  allow_core_dumps = no
  allow_vulnerable_openssl = yes
}
client ccmd {
  ipaddr = 127.0.0.1
  secret = ${quote(secret)}
  require_message_authenticator = yes
}
modules {
  pap {
  }
  files {
    filename = ${dir}/users
  }
}
server default {
  listen {
    type = auth
    ipaddr = 127.0.0.1
    port = ${port}
  }
  authorize {
    files
    pap
  }
  authenticate {
    pap
  }
  post-auth {
    update reply {
      Message-Authenticator := 0x00
    }
    Post-Auth-Type REJECT {
      update reply {
        Message-Authenticator := 0x00
      }
    }
  }
}
`;
}

async function startOnce(users: readonly RadiusUser[] | string, secret: string): Promise<FreeRadius | 'port-taken'> {
  const dir = makeTempDir('ccmd-radius-');
  const port = await freeUdpPort();
  writeFileSync(join(dir, 'radiusd.conf'), radiusdConf(dir, port, secret));
  writeFileSync(join(dir, 'users'), usersFile(users));
  // -f foreground, -l stdout; `auth = yes` logs one line per decision (what tests read back).
  const child: ChildProcess = spawn(FREERADIUS, ['-f', '-l', 'stdout', '-d', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Issue 16: named in the run's process registry, so a server left running fails its test file.
  registerProcess(child.pid, `freeradius -d ${dir} (udp ${port})`);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = (): void => { if (text.includes('Ready to process requests')) resolve(true); };
      child.stdout?.on('data', check);
    }),
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    if (/Address already in use/.test(text)) return 'port-taken';
    throw new Error(`freeradius did not start:\n${text.slice(-3000)}`);
  }
  return { port, secret, pid: child.pid as number, output: () => text, stop };
}

/** Starts FreeRADIUS with `users` (or a `users` file's text); fails the test when it cannot start. */
export async function startFreeRadius(users: readonly RadiusUser[] | string, secret = 'radius-secret-1'): Promise<FreeRadius> {
  for (let tries = 0; tries < 5; tries++) {
    const server = await startOnce(users, secret);
    if (server !== 'port-taken') return server;
  }
  throw new Error('freeradius: no free UDP port after 5 tries');
}
