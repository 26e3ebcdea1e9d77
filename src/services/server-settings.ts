/**
 * The appliance-wide settings as a service (SPEC §4, §6, §9: SERVER SHARE|CLI|SECURITY|SSH,
 * SHOW SERVER). A change is checked against the settings table (config/settings.ts), stored all
 * or nothing, applied to the running parts (share mode, query time-out, access character,
 * idle time-outs, lockout, SSH) and audited.
 */
import {
  firstIssue, SERVER_SETTINGS, serverSettingsPatchSchema, type ServerSettingName, type ServerSettings,
} from '../config/settings.js';
import { audit } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { refuse, type Actor, type Outcome } from './types.js';

export class ServerSettingsService {
  constructor(private readonly app: ApplianceRuntime) {}

  /** SHOW SERVER: any logged-in user may look; nothing here is secret. */
  get(): ServerSettings {
    return this.app.store.server.get();
  }

  /**
   * SERVER ... (SCON). The audit names the SERVER command the fields belong to (`SERVER CLI`),
   * or `SERVER SET` for a change across several.
   */
  update(actor: Actor, patch: Readonly<Record<string, unknown>>): Outcome<{ settings: ServerSettings }> {
    if (!actor.hasRight('SCON')) return refuse('insufficientPrivileges', 'needs the SCON right');
    const fields = Object.keys(patch);
    if (fields.length === 0) return refuse('missingParameter', 'a setting');
    const unknown = fields.find((f) => !(f in SERVER_SETTINGS));
    if (unknown !== undefined) return refuse('unknownParameter', unknown, unknown);
    const checked = serverSettingsPatchSchema.safeParse(patch);
    if (!checked.success) {
      const issue = firstIssue(checked.error);
      return refuse('invalidValue', `${issue.field} ${issue.message}`, issue.field);
    }
    const written = this.app.store.server.set(checked.data);
    if (!written.ok) return refuse('invalidValue', `${written.key} ${written.message}`, written.key);
    this.app.serverSettingsChanged();
    const commands = new Set(fields.map((f) => SERVER_SETTINGS[f as ServerSettingName].command));
    const action = commands.size === 1 ? `SERVER ${[...commands][0]}` : 'SERVER SET';
    audit(this.app, actor, action, fields.map((f) => `${f}=${String(written.settings[f as ServerSettingName])}`).join(' '));
    return { ok: true, settings: written.settings };
  }
}
