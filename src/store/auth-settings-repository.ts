/**
 * Issue 15: central authentication settings (`SERVER SECURITY AUTH=`, `SERVER RADIUS|LDAP|TACACS`)
 * in `auth_settings`, one zod-checked JSON document per key. Read once and cached (this process
 * is the only writer; every login reads them). Secrets live here in clear text because RADIUS
 * and TACACS+ need them to compute digests; the database file is 0600 (db.ts) and nothing that
 * shows or logs settings prints them (`publicView`).
 */
import { z } from 'zod';
import type { Db } from './db.js';

export const AUTH_METHODS = ['LOCAL', 'RADIUS', 'LDAP', 'TACACS'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
export type RemoteMethod = Exclude<AuthMethod, 'LOCAL'>;

const host = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'host name or address');
const port = z.number().int().min(1).max(65535);
const secret = z.string().min(1).max(128);
/** An access list or level name as text (checked against the profile when used, grant.ts). */
const accessText = z.string().min(1).max(200).nullable();

/**
 * Each setting's check without its default: the stored documents below add the defaults, and the
 * web API's `PATCH /server/auth` body takes edits with the same checks (issue 15), so the two
 * cannot disagree about a range.
 */
export const AUTH_FIELDS = {
  host, port, secret, accessText,
  methods: z.array(z.enum(AUTH_METHODS)).min(1).max(4)
    .refine((list) => new Set(list).size === list.length, 'a method is listed twice'),
  /** Per server, so the worst case is servers × (retries + 1) × time-out. */
  timeoutSeconds: z.number().int().min(1).max(60),
  retries: z.number().int().min(0).max(5),
  dn: z.string().max(512),
  bindPassword: z.string().max(128),
  userAttribute: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/),
  groupDn: z.string().min(1).max(512),
  groupAccess: z.string().min(1).max(200),
  tacacsLogin: z.enum(['ASCII', 'PAP']),
  tacacsService: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
} as const;

const secretServer = z.object({ host, port, secret });
export type SecretServer = z.infer<typeof secretServer>;
const ldapServer = z.object({ host, port, tls: z.boolean() });
export type LdapServer = z.infer<typeof ldapServer>;

const methods = AUTH_FIELDS.methods.default(['LOCAL']);
const timeoutSeconds = AUTH_FIELDS.timeoutSeconds.default(3);
const retries = AUTH_FIELDS.retries.default(1);

const radius = z.object({
  primary: secretServer.nullable().default(null),
  secondary: secretServer.nullable().default(null),
  timeoutSeconds,
  retries,
  /** Rights for an accepted user whose answer carries no `ccmd:` Filter-Id; null refuses them. */
  defaultAccess: accessText.default(null),
}).default({ primary: null, secondary: null, timeoutSeconds: 3, retries: 1, defaultAccess: null });

const ldap = z.object({
  primary: ldapServer.nullable().default(null),
  secondary: ldapServer.nullable().default(null),
  /** Where users and groups are searched. */
  baseDn: AUTH_FIELDS.dn.default(''),
  /** The service account that searches for the user's DN (empty: anonymous search). */
  bindDn: AUTH_FIELDS.dn.default(''),
  bindPassword: AUTH_FIELDS.bindPassword.default(''),
  /** The attribute a login name is matched against (`uid`, `sAMAccountName`, `cn`). */
  userAttribute: AUTH_FIELDS.userAttribute.default('uid'),
  /** Group DN → access text; a user gets the union for the groups they are a member of. */
  groups: z.array(z.object({ dn: AUTH_FIELDS.groupDn, access: AUTH_FIELDS.groupAccess })).max(64).default([]),
  timeoutSeconds,
  defaultAccess: accessText.default(null),
}).default({ primary: null, secondary: null, baseDn: '', bindDn: '', bindPassword: '', userAttribute: 'uid',
  groups: [], timeoutSeconds: 3, defaultAccess: null });

const tacacs = z.object({
  primary: secretServer.nullable().default(null),
  secondary: secretServer.nullable().default(null),
  timeoutSeconds,
  /** RFC 8907 §5.4: ASCII login (START, GETPASS, CONTINUE) or PAP (the password in START). */
  login: AUTH_FIELDS.tacacsLogin.default('ASCII'),
  /** The authorization service asked for (`service=ccmd`). */
  service: AUTH_FIELDS.tacacsService.default('ccmd'),
  defaultAccess: accessText.default(null),
}).default({ primary: null, secondary: null, timeoutSeconds: 3, login: 'ASCII', service: 'ccmd', defaultAccess: null });

const documents = { methods, radius, ldap, tacacs } as const;
const authSettingsSchema = z.object(documents);

export type AuthSettings = z.infer<typeof authSettingsSchema>;
export type RadiusSettings = AuthSettings['radius'];
export type LdapSettings = AuthSettings['ldap'];
export type TacacsSettings = AuthSettings['tacacs'];

export const DEFAULT_AUTH_SETTINGS: AuthSettings = authSettingsSchema.parse({});

export type AuthSettingsWrite =
  | { readonly ok: true; readonly settings: AuthSettings }
  | { readonly ok: false; readonly key: string; readonly message: string };

export class AuthSettingsRepository {
  private readonly upsert;
  private cached: AuthSettings;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`INSERT INTO auth_settings (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    this.cached = this.load();
  }

  get(): AuthSettings {
    return this.cached;
  }

  /** Validates the whole result and stores the changed documents in one transaction, or nothing. */
  set(patch: Partial<AuthSettings>): AuthSettingsWrite {
    const merged = authSettingsSchema.safeParse({ ...this.cached, ...patch });
    if (!merged.success) {
      const issue = merged.error.issues[0];
      return { ok: false, key: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid setting' };
    }
    this.db.transaction(() => {
      for (const key of Object.keys(patch) as (keyof AuthSettings)[]) {
        this.upsert.run(key, JSON.stringify(merged.data[key]));
      }
    })();
    this.cached = merged.data;
    return { ok: true, settings: merged.data };
  }

  /** A document that no longer validates falls back to its default (fail closed: LOCAL only). */
  private load(): AuthSettings {
    const rows = this.db.prepare('SELECT key, value FROM auth_settings').all() as { key: string; value: string }[];
    const raw: Record<string, unknown> = {};
    for (const { key, value } of rows) {
      const schema = (documents as Record<string, z.ZodType>)[key];
      if (schema === undefined) continue;
      try {
        const parsed = schema.safeParse(JSON.parse(value));
        if (parsed.success) raw[key] = parsed.data;
      } catch {
        // Not JSON: the default applies.
      }
    }
    return authSettingsSchema.parse(raw);
  }
}

/** A server as SHOW and the API print it: never its secret. */
export function serverText(server: { host: string; port: number } | null): string {
  if (server === null) return '-';
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
