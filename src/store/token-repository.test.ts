import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ACCESS } from '../domain/rights.js';
import { openStore, type Store } from './store.js';
import { MAX_TOKENS_PER_USER } from './token-repository.js';

const LIMITS = { maxUsers: 64, groupsPerUser: 16 };
const HOUR = 3_600_000;
let root = '';
let store: Store;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'ccmd-tokens-'));
  store = openStore(root, LIMITS);
  await store.users.add('alice', { password: 'secret1', access: ADMIN_ACCESS }, 0);
  await store.users.add('bob', { password: 'secret2', access: ADMIN_ACCESS }, 0);
});
afterEach(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('TokenRepository (SPEC §10 bearer tokens)', () => {
  it('verifies an issued token until it expires, and survives a re-open', () => {
    const issued = store.tokens.issue('alice', { now: 1000, ttlMs: HOUR, label: 'script' });
    expect(issued.token).toMatch(/^ccmd_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(store.tokens.verify(issued.token, 2000)).toMatchObject({ ok: true, token: { user: 'alice', label: 'script' } });
    store.close();
    store = openStore(root, LIMITS);
    expect(store.tokens.verify(issued.token, 1000 + HOUR - 1).ok).toBe(true);
    expect(store.tokens.verify(issued.token, 1000 + HOUR)).toEqual({ ok: false, reason: 'expired', user: 'alice' });
  });

  it('keeps only a hash of the secret', () => {
    const issued = store.tokens.issue('alice', { now: 0, ttlMs: HOUR });
    // Everything after `ccmd_<id>_`: the secret is base64url and may itself hold `_`.
    const secret = issued.token.slice('ccmd_'.length + issued.id.length + 1);
    expect(secret).toHaveLength(43);
    const row = store.db.prepare('SELECT * FROM api_tokens').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('refuses malformed, unknown and wrong-secret tokens, naming the user only for a real id', () => {
    const issued = store.tokens.issue('alice', { now: 0, ttlMs: HOUR });
    const [, id] = issued.token.split('_');
    expect(store.tokens.verify('nonsense', 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(store.tokens.verify(`ccmd_000000000000_${'A'.repeat(43)}`, 0)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.tokens.verify(`ccmd_${id}_${'A'.repeat(43)}`, 0)).toEqual({ ok: false, reason: 'mismatch', user: 'alice' });
  });

  it('goes with its user: deleted with the user, revoked by a password change, kept by other changes', async () => {
    const a = store.tokens.issue('alice', { now: 0, ttlMs: HOUR });
    const b = store.tokens.issue('bob', { now: 0, ttlMs: HOUR });
    await store.users.update('bob', { access: ADMIN_ACCESS });
    expect(store.tokens.verify(b.token, 1).ok).toBe(true);
    await store.users.update('bob', { password: 'newsecret' });
    expect(store.tokens.verify(b.token, 1)).toEqual({ ok: false, reason: 'unknown' });
    store.users.delete('alice');
    expect(store.tokens.verify(a.token, 1)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.tokens.list()).toEqual([]);
  });

  it('revokes one token by id or all of a user\'s, and lists without secrets', () => {
    const a1 = store.tokens.issue('alice', { now: 1, ttlMs: HOUR });
    const a2 = store.tokens.issue('alice', { now: 2, ttlMs: HOUR });
    const b1 = store.tokens.issue('bob', { now: 3, ttlMs: HOUR });
    expect(store.tokens.list().map((t) => t.id)).toEqual([a1.id, a2.id, b1.id]);
    expect(store.tokens.list()[0]).not.toHaveProperty('token');
    expect(store.tokens.revoke(a1.id)).toBe(true);
    expect(store.tokens.revoke(a1.id)).toBe(false);
    expect(store.tokens.revokeUser('alice')).toBe(1);
    expect(store.tokens.list('alice')).toEqual([]);
    expect(store.tokens.verify(b1.token, 4).ok).toBe(true);
  });

  it('refuses a token for a user that does not exist', () => {
    expect(() => store.tokens.issue('nobody', { now: 0, ttlMs: HOUR })).toThrow();
  });

  it(`keeps at most ${MAX_TOKENS_PER_USER} per user, dropping the oldest, and drops expired ones`, () => {
    const first = store.tokens.issue('alice', { now: 0, ttlMs: 10 });
    for (let i = 1; i <= MAX_TOKENS_PER_USER + 5; i++) store.tokens.issue('alice', { now: 100 + i, ttlMs: HOUR });
    const kept = store.tokens.list('alice');
    expect(kept).toHaveLength(MAX_TOKENS_PER_USER);
    expect(kept.map((t) => t.id)).not.toContain(first.id);
    expect(kept[0]?.createdAt).toBe(106);
  });
});
