/**
 * Issue 15: central authentication settings as a service (SERVER SECURITY AUTH=, SERVER RADIUS,
 * SERVER LDAP [GROUP], SERVER TACACS, SHOW SERVER RADIUS|LDAP|TACACS; the web API's
 * /server/auth). A change needs SCON, is checked whole, stored all or nothing and audited
 * without its secrets; what it shows never holds a secret, only whether one is set.
 * Safety rules: AUTH= may list a remote method only once it has a server (ERR 50), a new
 * RADIUS or TACACS+ server needs its secret (ERR 51), and the server of a method AUTH= lists
 * cannot be removed (ERR 52), so no typo locks every network login out.
 */
import { normaliseDn } from '../auth/ldap/ldap-dn.js';
import { parseAccess } from '../auth/grant.js';
import type {
  AuthMethod, AuthSettings, LdapServer, LdapSettings, RadiusSettings, RemoteMethod, SecretServer, TacacsSettings,
} from '../store/auth-settings-repository.js';
import { audit } from './access.js';
import type { ApplianceRuntime } from './runtime.js';
import { refuse, type Actor, type Outcome, type Refusal } from './types.js';

/** A server as an edit gives it; without `secret` the slot keeps the one it has. */
export interface SecretServerEdit { readonly host: string; readonly port: number; readonly secret?: string }

interface SecretServersEdit {
  readonly primary?: SecretServerEdit | null;
  readonly secondary?: SecretServerEdit | null;
  /** A new secret for the server already in the slot. */
  readonly primarySecret?: string;
  readonly secondarySecret?: string;
  readonly timeoutSeconds?: number;
  /** Access text (`P1-4,SMON`, `ADMIN`) for accepted users the server grants nothing; null: refuse them. */
  readonly defaultAccess?: string | null;
}

export interface AuthSettingsPatch {
  readonly methods?: readonly AuthMethod[];
  readonly radius?: SecretServersEdit & { readonly retries?: number };
  readonly tacacs?: SecretServersEdit & { readonly login?: 'ASCII' | 'PAP'; readonly service?: string };
  readonly ldap?: Partial<Omit<LdapSettings, 'groups'>> & {
    /** Maps one group DN to rights (null removes the mapping). */
    readonly group?: { readonly dn: string; readonly access: string | null };
  };
}

type ServerView = { host: string; port: number; secretSet: true } | null;

/** What SHOW SERVER and the API show: every setting, no secret. */
export interface AuthSettingsView {
  readonly methods: readonly AuthMethod[];
  readonly radius: Omit<RadiusSettings, 'primary' | 'secondary'> & { primary: ServerView; secondary: ServerView };
  readonly tacacs: Omit<TacacsSettings, 'primary' | 'secondary'> & { primary: ServerView; secondary: ServerView };
  readonly ldap: Omit<LdapSettings, 'bindPassword'> & { bindPasswordSet: boolean };
}

function serverView(server: SecretServer | null): ServerView {
  return server === null ? null : { host: server.host, port: server.port, secretSet: true };
}

export function authView(s: AuthSettings): AuthSettingsView {
  const { bindPassword, ...ldap } = s.ldap;
  return {
    methods: s.methods,
    radius: { ...s.radius, primary: serverView(s.radius.primary), secondary: serverView(s.radius.secondary) },
    tacacs: { ...s.tacacs, primary: serverView(s.tacacs.primary), secondary: serverView(s.tacacs.secondary) },
    ldap: { ...ldap, bindPasswordSet: bindPassword !== '' },
  };
}

const KEY: Record<RemoteMethod, 'radius' | 'ldap' | 'tacacs'> = { RADIUS: 'radius', LDAP: 'ldap', TACACS: 'tacacs' };

/** One slot after an edit, or the refusal (`field` as `<doc>.primary`, `<doc>.primarySecret`). */
function slot(doc: string, which: 'primary' | 'secondary', current: SecretServer | null,
  edit: SecretServerEdit | null | undefined, secret: string | undefined): SecretServer | null | Refusal {
  const where = edit === undefined ? current : edit;
  const newSecret = edit?.secret ?? secret;
  if (where === null) {
    if (secret !== undefined) return refuse('authServerMissing', `no ${which} server to set the secret of`, `${doc}.${which}Secret`);
    return null;
  }
  const value = newSecret ?? current?.secret;
  if (value === undefined) return refuse('secretMissing', `the ${which} server needs one`, `${doc}.${which}`);
  return { host: where.host, port: where.port, secret: value };
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Secret-free text of what changed, for the audit. */
function changes(before: AuthSettings, after: AuthSettings): string {
  const out: string[] = [];
  const walk = (path: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (/secret$|bindPassword$/i.test(path)) return void out.push(`${path}=(set)`);
    if (b !== null && typeof b === 'object' && !Array.isArray(b)) {
      const old = (a !== null && typeof a === 'object' ? a : {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(old), ...Object.keys(b)])) walk(`${path}.${key}`, old[key], (b as Record<string, unknown>)[key]);
      return;
    }
    const list = (v: unknown[]) => (v.every((x) => typeof x === 'string') ? v.join(',') : JSON.stringify(v));
    out.push(`${path}=${b === null ? 'NONE' : Array.isArray(b) ? list(b) : String(b)}`);
  };
  for (const key of Object.keys(after) as (keyof AuthSettings)[]) walk(key, before[key], after[key]);
  return out.join(' ');
}

export class AuthSettingsService {
  constructor(private readonly app: ApplianceRuntime) {}

  view(): AuthSettingsView {
    return authView(this.app.store.auth.get());
  }

  update(actor: Actor, patch: AuthSettingsPatch): Outcome<{ settings: AuthSettingsView }> {
    if (!actor.hasRight('SCON')) return refuse('insufficientPrivileges', 'needs the SCON right');
    const before = this.app.store.auth.get();
    const next = this.apply(before, patch);
    if (isRefusal(next)) return next;
    for (const method of next.methods) {
      if (method !== 'LOCAL' && next[KEY[method]].primary === null) {
        const field = patch.methods !== undefined ? 'methods' : `${KEY[method]}.primary`;
        const why = patch.methods !== undefined ? `set SERVER ${method} PRIMARY= first` : `AUTH= lists ${method}; change SERVER SECURITY AUTH= first`;
        return refuse(patch.methods !== undefined ? 'authServerMissing' : 'authMethodInUse', why, field);
      }
    }
    const written = this.app.store.auth.set(next);
    if (!written.ok) return refuse('invalidValue', `${written.key} ${written.message}`, written.key);
    const action = patch.methods !== undefined ? 'SERVER SECURITY'
      : patch.radius ? 'SERVER RADIUS' : patch.tacacs ? 'SERVER TACACS' : patch.ldap?.group ? 'SERVER LDAP GROUP' : 'SERVER LDAP';
    audit(this.app, actor, action, changes(before, written.settings));
    return { ok: true, settings: authView(written.settings) };
  }

  private access(text: string | null | undefined, field: string): string | null | undefined | Refusal {
    if (text === undefined || text === null) return text;
    if (parseAccess(text, this.app.profile.ports) === null) {
      return refuse('invalidValue', `'${text}' is not APPLIANCEADMIN, ADMIN or an access list like P1-4,SMON`, field);
    }
    return text.toUpperCase();
  }

  private servers<T extends RadiusSettings | TacacsSettings>(doc: 'radius' | 'tacacs', current: T, edit: SecretServersEdit): T | Refusal {
    const primary = slot(doc, 'primary', current.primary, edit.primary, edit.primarySecret);
    if (isRefusal(primary)) return primary;
    const secondary = slot(doc, 'secondary', current.secondary, edit.secondary, edit.secondarySecret);
    if (isRefusal(secondary)) return secondary;
    const defaultAccess = this.access(edit.defaultAccess, `${doc}.defaultAccess`);
    if (isRefusal(defaultAccess)) return defaultAccess;
    return {
      ...current, primary, secondary, timeoutSeconds: edit.timeoutSeconds ?? current.timeoutSeconds,
      defaultAccess: defaultAccess === undefined ? current.defaultAccess : defaultAccess,
    };
  }

  private apply(current: AuthSettings, patch: AuthSettingsPatch): AuthSettings | Refusal {
    let next: AuthSettings = { ...current, methods: patch.methods ? [...patch.methods] : current.methods };
    if (patch.radius) {
      const radius = this.servers('radius', current.radius, patch.radius);
      if (isRefusal(radius)) return radius;
      next = { ...next, radius: { ...radius, retries: patch.radius.retries ?? radius.retries } };
    }
    if (patch.tacacs) {
      const tacacs = this.servers('tacacs', current.tacacs, patch.tacacs);
      if (isRefusal(tacacs)) return tacacs;
      next = { ...next, tacacs: { ...tacacs, login: patch.tacacs.login ?? tacacs.login, service: patch.tacacs.service ?? tacacs.service } };
    }
    if (patch.ldap) {
      const { group, defaultAccess: typed, ...fields } = patch.ldap;
      const defaultAccess = this.access(typed, 'ldap.defaultAccess');
      if (isRefusal(defaultAccess)) return defaultAccess;
      let groups = current.ldap.groups;
      if (group !== undefined) {
        const access = this.access(group.access, 'ldap.group.access');
        if (isRefusal(access)) return access;
        const others = groups.filter((g) => normaliseDn(g.dn) !== normaliseDn(group.dn));
        groups = access === null || access === undefined ? others : [...others, { dn: group.dn, access }];
      }
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<LdapSettings>;
      next = { ...next, ldap: { ...current.ldap, ...defined, groups,
        defaultAccess: defaultAccess === undefined ? current.ldap.defaultAccess : defaultAccess } };
    }
    return next;
  }
}

export type { AuthMethod, LdapServer };
export { AUTH_METHODS } from '../store/auth-settings-repository.js';
