/**
 * The `server_settings` table: appliance-wide settings of SPEC §4, §6, §9 as key → JSON value.
 * Read once at construction and cached: this process is the only writer, and logins read the
 * lockout and SSH settings on every attempt.
 */
import type { z } from 'zod';
import {
  firstIssue, SERVER_DEFAULTS, serverSettingsSchema, type ServerSettings, type ServerSettingsPatch,
} from '../config/settings.js';
import type { Db } from './db.js';

export { sshAuthSchema, type ServerSettings, type SshAuth } from '../config/settings.js';

/** Types, ranges and defaults come from the one settings table (config/settings.ts). */
export const DEFAULT_SERVER_SETTINGS: ServerSettings = SERVER_DEFAULTS;

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
  set(patch: ServerSettingsPatch): SettingsWrite {
    const merged = serverSettingsSchema.safeParse({ ...this.cached, ...patch });
    if (!merged.success) {
      const issue = firstIssue(merged.error);
      return { ok: false, key: issue.field, message: issue.message };
    }
    this.db.transaction(() => {
      for (const key of Object.keys(patch) as (keyof ServerSettings)[]) {
        if (patch[key] !== undefined) this.upsert.run(key, JSON.stringify(merged.data[key]));
      }
    })();
    this.cached = merged.data;
    return { ok: true, settings: merged.data };
  }

  /** Unknown keys and values that no longer validate are ignored (defaults apply). */
  private load(): ServerSettings {
    const rows = this.db.prepare('SELECT key, value FROM server_settings').all() as { key: string; value: string }[];
    const raw: Record<string, unknown> = { ...SERVER_DEFAULTS };
    const shape = serverSettingsSchema.shape as Record<string, z.ZodType>;
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
    return serverSettingsSchema.parse(raw);
  }
}
