/**
 * Authorised SSH public keys (SPEC §2, §6 `USER ... KEY=`): one OpenSSH line each
 * (`ssh-ed25519 AAAA... comment`, `ssh-rsa ...`, `ecdsa-sha2-nistp256 ...`), parsed with ssh2.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';

/** A public key as ssh2 offers it during authentication (`ctx.key`). */
export interface PublicKey {
  /** Key type, e.g. `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`. */
  readonly algo: string;
  /** The SSH wire-format public key blob. */
  readonly data: Buffer;
}

export interface AuthorisedKey extends PublicKey {
  readonly comment: string;
  /** The line in canonical form (`<algo> <base64> [comment]`), as stored. */
  readonly line: string;
}

export type KeyParse =
  | { readonly ok: true; readonly key: AuthorisedKey }
  | { readonly ok: false; readonly message: string };

/** Parses one OpenSSH public key line. Private keys and anything else are refused with a reason. */
export function parsePublicKeyLine(text: string): KeyParse {
  const line = text.trim();
  if (line.includes('PRIVATE KEY')) return { ok: false, message: 'That is a private key: give the public key (.pub)' };
  if (line === '' || line.includes('\n')) return { ok: false, message: 'Expected one OpenSSH public key line' };
  const parsed = ssh2.utils.parseKey(line);
  if (parsed instanceof Error) return { ok: false, message: `Bad SSH public key: ${parsed.message}` };
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined) return { ok: false, message: 'Bad SSH public key: nothing found' };
  if (key.isPrivateKey()) return { ok: false, message: 'That is a private key: give the public key (.pub)' };
  const data = key.getPublicSSH();
  const comment = key.comment ?? '';
  const canonical = `${key.type} ${data.toString('base64')}${comment === '' ? '' : ` ${comment}`}`;
  return { ok: true, key: { algo: key.type, data, comment, line: canonical } };
}

/** ssh2 reports RSA keys signed with SHA-2 under the key type already; normalise in case. */
function keyType(algo: string): string {
  return algo === 'rsa-sha2-256' || algo === 'rsa-sha2-512' ? 'ssh-rsa' : algo;
}

/** Same key type and same blob; the blob comparison takes constant time for equal lengths. */
export function sameKey(a: PublicKey, b: PublicKey): boolean {
  if (keyType(a.algo) !== keyType(b.algo)) return false;
  if (a.data.length !== b.data.length) return false;
  return timingSafeEqual(a.data, b.data);
}

/** Whether `offered` is among `authorised`. Every stored key is compared (no early exit). */
export function isAuthorisedKey(authorised: readonly PublicKey[], offered: PublicKey): boolean {
  let found = false;
  for (const key of authorised) found = sameKey(key, offered) || found;
  return found;
}

/** `SHA256:<base64>` as `ssh-keygen -l` prints it, for SHOW USER. */
export function keyFingerprint(data: Buffer): string {
  return `SHA256:${createHash('sha256').update(data).digest('base64').replace(/=+$/, '')}`;
}
