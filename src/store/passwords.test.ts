import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, isPasswordHash, randomPassword, verifyPassword } from './passwords.js';
import { ScryptThread } from './scrypt-thread.js';

vi.mock('node:crypto', async (importOriginal) => {
  // Spies, not stand-ins: the real functions run; the tests only see that they were used.
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
    // Issue 13: this used to log a duration. The work itself is checked instead: one scrypt of
    // the default cost per refusal, exactly what a real verification costs.
    // Every hash goes through the one hashing thread (a spy: the real derivation runs).
    const scrypt = vi.spyOn(ScryptThread.prototype, 'derive');
    for (const encoded of [null, 'scrypt$3$8$1$AA$AA', 'plain', `scrypt$${2 ** 24}$8$1$c2FsdA==$${'A'.repeat(44)}`]) {
      scrypt.mockClear();
      expect(await verifyPassword('anything', encoded)).toBe(false);
      expect(scrypt, String(encoded)).toHaveBeenCalledTimes(1);
      expect(scrypt.mock.calls[0]?.[3]).toMatchObject(DEFAULT_SCRYPT);
    }
    const real = await hashPassword('anything');
    scrypt.mockClear();
    await verifyPassword('other', real);
    expect(scrypt).toHaveBeenCalledTimes(1);
    expect(scrypt.mock.calls[0]?.[3]).toMatchObject(DEFAULT_SCRYPT);
  });

  it('hashes run off the event loop: the event loop keeps turning while 8 are computed', async () => {
    // Timings are the benchmark's business (scripts/measure-login.mjs); what holds on any
    // machine is that the loop is free: a 5 ms interval fires while the hashes run.
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 5);
    await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`pw${i}`)));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('randomPassword gives 16 characters of the safe alphabet', () => {
    const pw = randomPassword();
    expect(pw).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
    expect(randomPassword()).not.toBe(pw);
  });
});
