import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, isPasswordHash, randomPassword, verifyPassword } from './passwords.js';

vi.mock('node:crypto', async (importOriginal) => {
  // A spy, not a stand-in: the real timingSafeEqual runs; the test only sees that it was used.
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

describe('passwords', () => {
  it('hashes to scrypt$N$r$p$salt$hash and verifies', async () => {
    const hash = await hashPassword('s3cret');
    expect(hash).toMatch(/^scrypt\$8192\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(isPasswordHash(hash)).toBe(true);
    expect(await verifyPassword('s3cret', hash)).toBe(true);
  });

  it('refuses a wrong password, comparing with timingSafeEqual', async () => {
    const hash = await hashPassword('s3cret');
    vi.mocked(crypto.timingSafeEqual).mockClear();
    expect(await verifyPassword('s3cres', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
  });

  it('verifies hashes made with other parameters (cost can change later)', async () => {
    const hash = await hashPassword('older', { N: 1024, r: 8, p: 1 });
    expect(hash.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('older', hash)).toBe(true);
  });

  it('an unknown user or unreadable hash is false, after the same work', async () => {
    const start = performance.now();
    expect(await verifyPassword('anything', null)).toBe(false);
    const dummyMs = performance.now() - start;
    expect(await verifyPassword('anything', 'scrypt$3$8$1$AA$AA')).toBe(false);
    expect(await verifyPassword('anything', 'plain')).toBe(false);
    expect(await verifyPassword('anything', `scrypt$${2 ** 24}$8$1$c2FsdA==$${'A'.repeat(44)}`)).toBe(false);
    console.log(`dummy verification took ${dummyMs.toFixed(1)} ms`);
  });

  it('hashes run on the thread pool, concurrently', async () => {
    const t1 = performance.now();
    await hashPassword('one');
    const one = performance.now() - t1;
    const n = 8;
    const tn = performance.now();
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 5);
    await Promise.all(Array.from({ length: n }, (_, i) => hashPassword(`pw${i}`)));
    clearInterval(timer);
    const all = performance.now() - tn;
    console.log(`scrypt N=${DEFAULT_SCRYPT.N}: one hash ${one.toFixed(1)} ms; ${n} in parallel ${all.toFixed(0)} ms`
      + ` (serial would be ~${(n * one).toFixed(0)} ms); event loop ticked ${ticks} times meanwhile`);
    // The event loop was free while hashing (timings are logged, not asserted).
    expect(ticks).toBeGreaterThan(0);
  });

  it('randomPassword gives 16 characters of the safe alphabet', () => {
    const pw = randomPassword();
    expect(pw).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
    expect(randomPassword()).not.toBe(pw);
  });
});
