import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ScryptThread } from './scrypt-thread.js';

const OPTIONS = { N: 1024, r: 8, p: 1, maxmem: 256 * 1024 * 8 };

describe('ScryptThread (issue 14: every hash on one thread of its own)', () => {
  it('derives what crypto.scrypt derives, for hashes given at once, in any order', async () => {
    const thread = new ScryptThread();
    const salts = [randomBytes(16), randomBytes(16), randomBytes(16)];
    const keys = await Promise.all(salts.map((salt, i) => thread.derive(`pw${i}`, salt, 32, OPTIONS)));
    keys.forEach((key, i) => expect(key.equals(scryptSync(`pw${i}`, salts[i]!, 32, OPTIONS))).toBe(true));
    await thread.stop();
  });

  it('ends its worker after the idle time and starts a new one for the next hash', async () => {
    const thread = new ScryptThread(50);
    await thread.derive('pw', randomBytes(16), 32, OPTIONS);
    expect(thread.running).toBe(true);
    await vi.waitFor(() => expect(thread.running).toBe(false), { timeout: 2000 });
    const salt = randomBytes(16);
    expect((await thread.derive('pw', salt, 32, OPTIONS)).equals(scryptSync('pw', salt, 32, OPTIONS))).toBe(true);
    await thread.stop();
  });

  it('rejects a hash scrypt refuses, and keeps hashing the next', async () => {
    const thread = new ScryptThread();
    await expect(thread.derive('pw', randomBytes(16), 32, { ...OPTIONS, N: 1000 })).rejects.toThrow(/N|power/i);
    const salt = randomBytes(16);
    expect((await thread.derive('pw', salt, 32, OPTIONS)).equals(scryptSync('pw', salt, 32, OPTIONS))).toBe(true);
    await thread.stop();
  });

  it('rejects what it was given when stopped, and starts again afterwards', async () => {
    const thread = new ScryptThread();
    const pending = thread.derive('pw', randomBytes(16), 32, { ...OPTIONS, N: 1 << 16, maxmem: 256 * (1 << 16) * 8 });
    const failed = expect(pending).rejects.toThrow(/stopped/);
    await thread.stop();
    await failed;
    expect(thread.running).toBe(false);
    const salt = randomBytes(16);
    expect((await thread.derive('pw', salt, 32, OPTIONS)).equals(scryptSync('pw', salt, 32, OPTIONS))).toBe(true);
    await thread.stop();
  });
});
