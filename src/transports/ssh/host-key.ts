/**
 * The daemon's SSH host key: one ed25519 key kept at `<data dir>/ssh_host_ed25519_key`, created on
 * first start so clients see the same host key across restarts.
 *
 * ssh2 wants OpenSSH-format private keys (it rejects node:crypto's PKCS#8 export), so the key is
 * generated with ssh2's own `utils.generateKeyPairSync`.
 */
import { createHash } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';

export const HOST_KEY_FILE = 'ssh_host_ed25519_key';

export interface HostKey {
  /** OpenSSH-format private key, as ssh2's `hostKeys` wants it. */
  readonly privateKey: string;
  /** `ssh-ed25519 AAAA...` public key line. */
  readonly publicKey: string;
  /** `SHA256:...` fingerprint, as `ssh-keygen -lf` prints it (for logs and the admin). */
  readonly fingerprint: string;
  readonly path: string;
  /** True when this call generated the key (first start). */
  readonly created: boolean;
}

/**
 * Reads the host key from `dataDir`, creating the directory (0700) and the key (0600) when absent.
 * A key file with group/other permissions is tightened to 0600. Rejects when the existing file is
 * not a key ssh2 can parse: starting with a silently replaced host key would make every client
 * shout about a changed identity, so the admin decides.
 */
export async function loadOrCreateHostKey(dataDir: string): Promise<HostKey> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, HOST_KEY_FILE);
  const existing = await readIfPresent(path);
  if (existing !== null) {
    await tightenMode(path);
    return describe(existing, path, false);
  }
  const privateKey = generateReadableKey();
  // Written whole under a temporary name, then linked into place: a crash never leaves a
  // half-written key, and link() fails with EEXIST if another process created one meanwhile.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, privateKey, { mode: 0o600, flush: true });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return describe(await readFile(path, 'utf8'), path, false);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return describe(privateKey, path, true);
}

/**
 * ssh2 1.17's ed25519 generator strips leading zero bytes from the public key, so about one key in
 * 256 cannot be parsed back by ssh2 itself (mscdex/ssh2#1513). Keep only keys that round-trip.
 */
export function generateReadableKey(generate = () => ssh2.utils.generateKeyPairSync('ed25519')): string {
  for (let attempt = 0; attempt < 32; attempt++) {
    const pair = generate();
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) {
      return pair.private;
    }
  }
  throw new Error('could not generate an SSH host key that ssh2 can read back');
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function tightenMode(path: string): Promise<void> {
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, 0o600);
}

function describe(privateKey: string, path: string, created: boolean): HostKey {
  const parsed = ssh2.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? (parsed as unknown[])[0] : parsed;
  if (key === undefined || key instanceof Error) {
    const reason = key instanceof Error ? key.message : 'no key found';
    throw new Error(`SSH host key ${path} is unreadable: ${reason}`);
  }
  const blob = (key as ParsedKey).getPublicSSH();
  const publicKey = `${(key as ParsedKey).type} ${blob.toString('base64')}`;
  const digest = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { privateKey, publicKey, fingerprint: `SHA256:${digest}`, path, created };
}
