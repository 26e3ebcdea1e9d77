/**
 * The `api_tokens` table (SPEC §10 bearer tokens; migration 010). A token reads
 * `ccmd_<id>_<secret>`: the id is public (listed, revoked by it), the secret is 32 random bytes
 * shown once and kept only as a SHA-256, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.js';

export interface ApiToken {
  readonly id: string;
  readonly user: string;
  readonly label: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastUsedAt: number | null;
}

/** A token just issued: the only time its full text exists outside the client. */
export interface IssuedToken extends ApiToken {
  readonly token: string;
}

export type TokenCheck =
  | { readonly ok: true; readonly token: ApiToken }
  /** `user` is set when the id named a real token of that user (the secret was wrong or it expired). */
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown' | 'expired' | 'mismatch'; readonly user?: string };

/** Tokens kept per user; issuing one more drops the oldest (bounds the table). */
export const MAX_TOKENS_PER_USER = 100;
/** `last_used_at` is written at most this often per token (not a write per request). */
const TOUCH_EVERY_MS = 60_000;

const TOKEN_TEXT = /^ccmd_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

interface TokenRow {
  id: string; user: string; secret_hash: string; label: string; created_at: number; expires_at: number; last_used_at: number | null;
}

function hashOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function tokenOf(r: TokenRow): ApiToken {
  return { id: r.id, user: r.user, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at };
}

export class TokenRepository {
  private readonly insert;
  private readonly byId;
  private readonly all;
  private readonly ofUser;
  private readonly deleteId;
  private readonly deleteUser;
  private readonly deleteExpired;
  private readonly trimUser;
  private readonly touchId;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO api_tokens (id, user, secret_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.byId = db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE id = ?');
    this.all = db.prepare<[], TokenRow>('SELECT * FROM api_tokens ORDER BY created_at, id');
    this.ofUser = db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE user = ? ORDER BY created_at, id');
    this.deleteId = db.prepare('DELETE FROM api_tokens WHERE id = ?');
    this.deleteUser = db.prepare('DELETE FROM api_tokens WHERE user = ?');
    this.deleteExpired = db.prepare('DELETE FROM api_tokens WHERE expires_at <= ?');
    this.trimUser = db.prepare(`DELETE FROM api_tokens WHERE id IN (
      SELECT id FROM api_tokens WHERE user = ? ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)`);
    this.touchId = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  }

  /** A new token for `user` (who must exist: the foreign key refuses otherwise, and this throws). */
  issue(user: string, options: { now: number; ttlMs: number; label?: string }): IssuedToken {
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const row: TokenRow = {
      id, user, secret_hash: hashOf(secret).toString('hex'), label: options.label ?? '',
      created_at: options.now, expires_at: options.now + options.ttlMs, last_used_at: null,
    };
    this.db.transaction(() => {
      this.deleteExpired.run(options.now);
      this.insert.run(row.id, row.user, row.secret_hash, row.label, row.created_at, row.expires_at);
      this.trimUser.run(user, MAX_TOKENS_PER_USER);
    })();
    return { ...tokenOf(row), token: `ccmd_${id}_${secret}` };
  }

  /** Checks a token's text; a good one's last use is recorded (at most once a minute). */
  verify(text: string, now: number): TokenCheck {
    const match = TOKEN_TEXT.exec(text);
    if (match === null) return { ok: false, reason: 'malformed' };
    const row = this.byId.get(match[1] as string);
    if (row === undefined) return { ok: false, reason: 'unknown' };
    const expected = Buffer.from(row.secret_hash, 'hex');
    if (!timingSafeEqual(expected, hashOf(match[2] as string))) return { ok: false, reason: 'mismatch', user: row.user };
    if (row.expires_at <= now) return { ok: false, reason: 'expired', user: row.user };
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS) {
      this.touchId.run(now, row.id);
      row.last_used_at = now;
    }
    return { ok: true, token: tokenOf(row) };
  }

  /** Every token, or one user's, oldest first (never the secrets). */
  list(user?: string): ApiToken[] {
    return (user === undefined ? this.all.all() : this.ofUser.all(user)).map(tokenOf);
  }

  get(id: string): ApiToken | null {
    const row = this.byId.get(id);
    return row === undefined ? null : tokenOf(row);
  }

  /** false when there was no such token. */
  revoke(id: string): boolean {
    return this.deleteId.run(id).changes > 0;
  }

  /** SPEC §10: USER LOGOUT revokes the user's tokens. Returns how many. */
  revokeUser(user: string): number {
    return this.deleteUser.run(user).changes;
  }
}
