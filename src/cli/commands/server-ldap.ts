/**
 * Issue 15 `SERVER LDAP` (SCON): the LDAP servers ccmd asks when `SERVER SECURITY AUTH=` lists
 * LDAP, where users are searched (BASE=, USERATTR=) and the service account that searches
 * (BINDDN=, BINDPW=: write-only, never shown). Group → rights: SERVER LDAP GROUP.
 */
import type { LdapServer } from '../../services/auth-settings.js';
import type { CommandDeclaration, ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer, text } from '../param-checks.js';
import { accessTextCheck, hostPort, param, saveAuth } from './server-auth-words.js';

/** `host[:port]` (ldap://, port 389), `ldap://host[:port]`, `ldaps://host[:port]` (636), or NONE. */
export const ldapServerCheck: ParamCheck = (value, op) => {
  const tls = /^ldaps:\/\//i.test(value);
  const bare = value.replace(/^ldaps?:\/\//i, '').replace(/\/$/, '');
  const parsed = hostPort(tls ? 636 : 389)(bare, op);
  if (!parsed.ok) return { ok: false, detail: 'expected host[:port], ldap://host[:port], ldaps://host[:port] or NONE' };
  const where = parsed.value as { host: string; port: number } | null;
  return { ok: true, value: where === null ? null : ({ ...where, tls } satisfies LdapServer) };
};

const dn = text(0, 512, undefined, 'a DN of at most 512 characters');

export const serverLdap: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'LDAP'],
  syntax: 'SERVER LDAP [PRIMARY=<url>|NONE] [SECONDARY=<url>|NONE] [BASE=<dn>] [BINDDN=<dn>] [BINDPW=] [USERATTR=<attribute>] [TIMEOUT=<s>] [DEFAULT=<access>|NONE]',
  help: [
    'Sets the LDAP servers (host[:port], ldap://host[:port] or ldaps://host[:port]), the base DN',
    'searched, the service account that finds users (BINDDN=, BINDPW=; empty: anonymous), the',
    'attribute a login name matches (default uid) and the time-out (1-60 s). Rights come from',
    'group membership (SERVER LDAP GROUP); a user in no mapped group gets DEFAULT= (NONE: refused).',
  ].join('\n'),
  right: 'SCON',
  params: {
    PRIMARY: { check: ldapServerCheck }, SECONDARY: { check: ldapServerCheck },
    BASE: { check: dn }, BINDDN: { check: dn }, BINDPW: { check: text(0, 128) },
    USERATTR: { check: text(1, 64, /^[A-Za-z][A-Za-z0-9-]*$/, 'an attribute name') },
    TIMEOUT: { check: integer(1, 60) }, DEFAULT: { check: accessTextCheck },
  },
  run: (ctx, args) => saveAuth(ctx, args, {
    ldap: {
      primary: param<LdapServer | null>(args, 'PRIMARY'), secondary: param<LdapServer | null>(args, 'SECONDARY'),
      baseDn: param<string>(args, 'BASE'), bindDn: param<string>(args, 'BINDDN'), bindPassword: param<string>(args, 'BINDPW'),
      userAttribute: param<string>(args, 'USERATTR'), timeoutSeconds: param<number>(args, 'TIMEOUT'),
      ...(args.params.has('DEFAULT') ? { defaultAccess: param<string | null>(args, 'DEFAULT') } : {}),
    },
  }, { 'ldap.primary': 'PRIMARY', 'ldap.defaultAccess': 'DEFAULT' },
  'PRIMARY=, SECONDARY=, BASE=, BINDDN=, BINDPW=, USERATTR=, TIMEOUT= or DEFAULT='),
};
