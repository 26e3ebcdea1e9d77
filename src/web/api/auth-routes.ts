/**
 * Issue 15: `GET/PATCH /server/auth`, the API twin of `SHOW SERVER SECURITY|RADIUS|LDAP|TACACS`
 * and `SERVER SECURITY AUTH=`, `SERVER RADIUS|LDAP [GROUP]|TACACS`, through the auth settings
 * service (src/services/auth-settings.ts): SCON to change, the whole result checked and stored
 * all or nothing, ERR 50/51/52 so no edit locks every network login out, audited without secrets.
 * Secrets are write-only: an answer says `secretSet` / `bindPasswordSet`, never the value.
 * The field checks are the store's own (AUTH_FIELDS), so the API and the store agree on ranges.
 */
import { z } from 'zod';
import type { AuthSettingsPatch, AuthSettingsView } from '../../services/auth-settings.js';
import { refuse } from '../../services/types.js';
import { AUTH_FIELDS, AUTH_METHODS } from '../../store/auth-settings-repository.js';
import { route, type ApiRoute } from './api-route.js';
import { actorOf, answer, servicesOf } from './service-call.js';

const F = AUTH_FIELDS;

const secretServerEdit = z.object({
  host: F.host,
  port: F.port,
  secret: F.secret.optional().describe('write-only; left out: the server keeps the secret it has'),
}).strict().nullable().describe('null removes the server');

const secretServersEdit = {
  primary: secretServerEdit.optional(),
  secondary: secretServerEdit.optional(),
  primarySecret: F.secret.optional().describe('a new secret for the primary server already set (write-only)'),
  secondarySecret: F.secret.optional().describe('a new secret for the secondary server already set (write-only)'),
  timeoutSeconds: F.timeoutSeconds.optional().describe('per try, per server'),
  defaultAccess: F.accessText.optional().describe('rights for an accepted user the server grants none (APPLIANCEADMIN, ADMIN or a list like PALL,SMON); null refuses them'),
};

const ldapServer = z.object({ host: F.host, port: F.port, tls: z.boolean().describe('ldaps://') }).strict();

export const authPatchSchema = z.object({
  methods: F.methods.optional().describe('SERVER SECURITY AUTH=: the methods in order, e.g. ["RADIUS","LOCAL"]'),
  radius: z.object({ ...secretServersEdit, retries: F.retries.optional() }).strict().optional(),
  tacacs: z.object({ ...secretServersEdit, login: F.tacacsLogin.optional(), service: F.tacacsService.optional() }).strict().optional(),
  ldap: z.object({
    primary: ldapServer.nullable().optional(),
    secondary: ldapServer.nullable().optional(),
    baseDn: F.dn.optional(),
    bindDn: F.dn.optional().describe('service account; empty: anonymous search'),
    bindPassword: F.bindPassword.optional().describe('write-only'),
    userAttribute: F.userAttribute.optional(),
    timeoutSeconds: F.timeoutSeconds.optional(),
    defaultAccess: F.accessText.optional(),
    group: z.object({ dn: F.groupDn, access: F.groupAccess.nullable().describe('null removes the mapping') }).strict().optional()
      .describe('SERVER LDAP GROUP DN= ACCESS=: maps one group to rights'),
  }).strict().optional(),
}).strict();

const serverView = z.object({ host: z.string(), port: z.number(), secretSet: z.literal(true) }).nullable();
const ldapServerView = z.object({ host: z.string(), port: z.number(), tls: z.boolean() }).nullable();

export const authViewSchema = z.object({
  methods: z.array(z.enum(AUTH_METHODS)),
  radius: z.object({
    primary: serverView, secondary: serverView, timeoutSeconds: z.number(), retries: z.number(), defaultAccess: z.string().nullable(),
  }),
  tacacs: z.object({
    primary: serverView, secondary: serverView, timeoutSeconds: z.number(), login: z.enum(['ASCII', 'PAP']),
    service: z.string(), defaultAccess: z.string().nullable(),
  }),
  ldap: z.object({
    primary: ldapServerView, secondary: ldapServerView, baseDn: z.string(), bindDn: z.string(), userAttribute: z.string(),
    groups: z.array(z.object({ dn: z.string(), access: z.string() })), timeoutSeconds: z.number(),
    defaultAccess: z.string().nullable(), bindPasswordSet: z.boolean(),
  }),
}) satisfies z.ZodType<AuthSettingsView>;

export const authRoutes: readonly ApiRoute[] = [
  route({
    method: 'get', path: '/server/auth', answer: authViewSchema,
    summary: 'SHOW SERVER SECURITY|RADIUS|LDAP|TACACS: central authentication settings, no secrets',
    run: (call) => ({ ok: true, body: servicesOf(call).auth.view() }),
  }),
  route({
    method: 'patch', path: '/server/auth', body: authPatchSchema, answer: authViewSchema,
    summary: 'SERVER SECURITY AUTH=, SERVER RADIUS|LDAP [GROUP]|TACACS (SCON); secrets are write-only',
    run: (call) => {
      const patch: AuthSettingsPatch = call.body;
      if (Object.keys(patch).length === 0) return refuse('missingParameter', 'one of methods, radius, tacacs, ldap');
      return answer(servicesOf(call).auth.update(actorOf(call), patch), (done) => done.settings);
    },
  }),
];
