/**
 * Password hashing with scrypt, run off the event loop on one thread of its own
 * (scrypt-thread.ts) so a login storm never blocks the event loop (SPEC §9, auth.ts contract)
 * and its memory stays in one place (issue 14).
 * Stored form: `scrypt$N$r$p$<salt base64>$<hash base64>`, so the cost can be raised later
 * while old hashes still verify.
 */
import { randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ScryptThread } from './scrypt-thread.js';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * N = 2^13, r = 8, p = 1: about 35-40 ms per hash on this 2-core machine (measured with
 * node 20; 8 MiB of memory per hash). N = 2^14 took ~75 ms, over the 20-50 ms budget.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 8192, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters beyond these: a tampered row must not make one login eat the machine. */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

/** Every hash of the process, on one thread. */
const hashingThread = new ScryptThread();

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return hashingThread.derive(password.normalize('NFC'), salt, length, options);
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface DecodedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

function decode(encoded: string): DecodedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!isPowerOfTwo(N) || N > MAX_N) return null;
  if (!Number.isInteger(r) || r < 1 || r > MAX_R || !Number.isInteger(p) || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const key = Buffer.from(parts[5] as string, 'base64');
  if (salt.length === 0 || key.length < 16) return null;
  return { params: { N, r, p }, salt, key };
}

/** Whether `encoded` is a hash this module can verify (for reading rows defensively). */
export function isPasswordHash(encoded: string): boolean {
  return decode(encoded) !== null;
}

const DUMMY_SALT = randomBytes(SALT_BYTES);

/**
 * True when `password` matches `encoded`. With `encoded` null (unknown user, or a user with
 * keys only) or unreadable, the same scrypt work is done against a dummy salt and false is
 * returned, so the time taken does not tell which names exist. Never rejects.
 */
export async function verifyPassword(password: string, encoded: string | null): Promise<boolean> {
  const decoded = encoded === null ? null : decode(encoded);
  try {
    if (decoded === null) {
      await derive(password, DUMMY_SALT, DEFAULT_SCRYPT, KEY_BYTES);
      return false;
    }
    const key = await derive(password, decoded.salt, decoded.params, decoded.key.length);
    return timingSafeEqual(key, decoded.key);
  } catch {
    return false;
  }
}

/** A random password of `length` characters without look-alikes (0/O, 1/l/I), for bootstrap. */
export function randomPassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 57).
  const limit = 256 - (256 % alphabet.length);
  for (const b of bytes) {
    if (out.length === length) break;
    if (b < limit) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : randomPassword(length);
}
