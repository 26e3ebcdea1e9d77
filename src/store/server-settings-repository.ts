/**
 * The `server_settings` table: appliance-wide settings of SPEC §4, §6, §9 as key → JSON value.
 * Read once at construction and cached: this process is the only writer, and logins read the
 * lockout and SSH settings on every attempt.
 */
import { z } from 'zod';
import { DEFAULT_LOCKOUT_HOURS, MAX_LOCKOUT_HOURS } from '../domain/lockout.js';
import type { Db } from './db.js';

import { SSH_AUTH_FORMS } from '../domain/ssh-auth-form.js';

export const sshAuthSchema = z.enum(SSH_AUTH_FORMS);
export type SshAuth = z.infer<typeof sshAuthSchema>;

/** One entry per setting: its schema and its default (decided where SPEC gives none). */
const settingsSchema = z.object({
  /** SPEC §4: SERVER SHARE, default QUERY. */
  share: z.enum(['DISABLE', 'AUTO', 'QUERY']).default('QUERY'),
  /** SPEC §4: SERVER SHARE TIMEOUT=<seconds>, default 30. */
  queryTimeoutSeconds: z.number().int().min(1).max(3600).default(30),
  /** SPEC §6: SERVER CLI CHAR=, default ^D. */
  cliChar: z.string().regex(/^\^[@A-Z[\\\]^_]$/).default('^D'),
  /** SPEC §6: SERVER CLI TIMEOUT=<min>; decided default 15 like a port's, 0 = never. */
  cliTimeoutMinutes: z.number().int().min(0).max(10_080).default(15),
  /** SPEC §6: SERVER CLI HISTORY=KEEP|CLEAR (decided default KEEP). */
  cliHistory: z.enum(['KEEP', 'CLEAR']).default('KEEP'),
  /** SPEC §9: SERVER SECURITY LOCKOUT=<hours>, 1-99 (issue 12), default 1, 0 = off. */
  lockoutHours: z.number().int().min(0).max(MAX_LOCKOUT_HOURS).default(DEFAULT_LOCKOUT_HOURS),
  /** SPEC §6: SERVER SSH ENABLE|DISABLE (decided default enabled). */
  sshEnabled: z.boolean().default(true),
  /** SPEC §6: SERVER SSH AUTH= (decided default PW|KEY: either method). */
  sshAuth: sshAuthSchema.default('PW|KEY'),
});

export type ServerSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = settingsSchema.parse({});

export type SettingsWrite =
  | { readonly ok: true; readonly settings: ServerSettings }
  | { readonly ok: false; readonly key: string; readonly message: string };

export class ServerSettingsRepository {
  private readonly upsert;
  private cached: ServerSettings;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`INSERT INTO server_settings (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    this.cached = this.load();
  }

  /** The settings now (defaults for anything never set). */
  get(): ServerSettings {
    return this.cached;
  }

  /** Validates and stores `patch` in one transaction; nothing is stored if any value is bad. */
  set(patch: Partial<ServerSettings>): SettingsWrite {
    const merged = settingsSchema.safeParse({ ...this.cached, ...patch });
    if (!merged.success) {
      const issue = merged.error.issues[0];
      return { ok: false, key: String(issue?.path[0] ?? ''), message: issue?.message ?? 'invalid setting' };
    }
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) this.upsert.run(key, JSON.stringify(value));
      }
    })();
    this.cached = merged.data;
    return { ok: true, settings: merged.data };
  }

  /** Unknown keys and values that no longer validate are ignored (defaults apply). */
  private load(): ServerSettings {
    const rows = this.db.prepare('SELECT key, value FROM server_settings').all() as { key: string; value: string }[];
    const raw: Record<string, unknown> = {};
    const shape = settingsSchema.shape as Record<string, z.ZodType>;
    for (const { key, value } of rows) {
      const field = shape[key];
      if (field === undefined) continue;
      try {
        const parsed = field.safeParse(JSON.parse(value));
        if (parsed.success) raw[key] = parsed.data;
      } catch {
        // A value that is not JSON is left to its default.
      }
    }
    return settingsSchema.parse(raw);
  }
}
