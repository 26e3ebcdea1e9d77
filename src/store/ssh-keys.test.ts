import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuthorisedKey, keyFingerprint, parsePublicKeyLine, sameKey, type AuthorisedKey } from './ssh-keys.js';

let dir = '';
const lines: Record<string, string> = {};
let privateKey = '';

/** Real keys from the real ssh-keygen (a missing tool fails the run). */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-keys-'));
  for (const [name, args] of [['ed25519', ['-t', 'ed25519']], ['rsa', ['-t', 'rsa', '-b', '2048']],
    ['ecdsa', ['-t', 'ecdsa']], ['other', ['-t', 'ed25519']]] as const) {
    execFileSync('ssh-keygen', ['-q', ...args, '-N', '', '-C', `${name}@test`, '-f', join(dir, name)]);
    lines[name] = readFileSync(join(dir, `${name}.pub`), 'utf8');
  }
  privateKey = readFileSync(join(dir, 'ed25519'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function key(name: string): AuthorisedKey {
  const r = parsePublicKeyLine(lines[name] as string);
  if (!r.ok) throw new Error(r.message);
  return r.key;
}

describe('ssh keys', () => {
  it.each([['ed25519', 'ssh-ed25519'], ['rsa', 'ssh-rsa'], ['ecdsa', 'ecdsa-sha2-nistp256']])(
    'parses an OpenSSH %s line', (name, algo) => {
      const k = key(name);
      expect(k.algo).toBe(algo);
      expect(k.comment).toBe(`${name}@test`);
      expect(k.line).toBe((lines[name] as string).trim());
    });

  it('matches the same key offered as ssh2 gives it, and not another', () => {
    const stored = [key('ed25519'), key('rsa')];
    const offered = key('rsa');
    expect(isAuthorisedKey(stored, { algo: 'ssh-rsa', data: Buffer.from(offered.data) })).toBe(true);
    expect(isAuthorisedKey(stored, { algo: 'rsa-sha2-512', data: Buffer.from(offered.data) })).toBe(true);
    expect(isAuthorisedKey(stored, key('other'))).toBe(false);
    expect(sameKey(key('ed25519'), { algo: 'ssh-rsa', data: key('ed25519').data })).toBe(false);
  });

  it.each([
    ['garbage', 'not a key'],
    ['damaged base64', 'ssh-ed25519 AAAAbad comment'],
    ['empty', ''],
    ['two lines', 'a\nb'],
  ])('refuses %s', (_name, text) => {
    expect(parsePublicKeyLine(text).ok).toBe(false);
  });

  it('refuses a private key', () => {
    expect(parsePublicKeyLine(privateKey)).toMatchObject({ ok: false, message: expect.stringMatching(/private key/) });
  });

  it('fingerprints like ssh-keygen -l', () => {
    const out = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'ed25519.pub')], { encoding: 'utf8' });
    expect(out).toContain(keyFingerprint(key('ed25519').data));
  });
});
