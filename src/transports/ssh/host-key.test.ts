import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateReadableKey, HOST_KEY_FILE, loadOrCreateHostKey } from './host-key.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ccmd-hostkey-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadOrCreateHostKey', () => {
  it('creates an OpenSSH ed25519 key, 0600 in a 0700 data dir, that ssh2 accepts', async () => {
    const dataDir = join(root, 'data');
    const key = await loadOrCreateHostKey(dataDir);
    expect(key.created).toBe(true);
    expect(key.path).toBe(join(dataDir, HOST_KEY_FILE));
    expect(key.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAA/);
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect((await stat(key.path)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(() => new ssh2.Server({ hostKeys: [key.privateKey] })).not.toThrow();
  });

  it('returns the same key on the next start', async () => {
    const first = await loadOrCreateHostKey(root);
    const second = await loadOrCreateHostKey(root);
    expect(second.created).toBe(false);
    expect(second.privateKey).toBe(first.privateKey);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('tightens a key file readable by others', async () => {
    const { path } = await loadOrCreateHostKey(root);
    await chmod(path, 0o644);
    await loadOrCreateHostKey(root);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses to replace an unreadable key file', async () => {
    await writeFile(join(root, HOST_KEY_FILE), 'not a key', { mode: 0o600 });
    await expect(loadOrCreateHostKey(root)).rejects.toThrow(/unreadable/);
  });
});

describe('generateReadableKey (mscdex/ssh2#1513: ~1 generated ed25519 key in 256 does not parse back)', () => {
  it('skips keys ssh2 cannot read back', () => {
    const good = ssh2.utils.generateKeyPairSync('ed25519');
    const unreadable = { private: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n', public: 'ssh-ed25519 AAAA' };
    const queue = [unreadable, unreadable, good];
    expect(generateReadableKey(() => queue.shift() ?? good)).toBe(good.private);
  });

  it('gives up with a clear error rather than loop forever', () => {
    const unreadable = { private: 'nonsense', public: 'nonsense' };
    expect(() => generateReadableKey(() => unreadable)).toThrow(/could not generate an SSH host key/);
  });

  it('every key made by the real generator parses back, private and public (2,000 keys)', () => {
    for (let i = 0; i < 2000; i++) {
      const key = generateReadableKey();
      const parsed = ssh2.utils.parseKey(key);
      expect(parsed instanceof Error).toBe(false);
    }
  });
});
