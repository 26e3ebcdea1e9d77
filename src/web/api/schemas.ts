/**
 * The zod schemas of the API's answers (OpenAPI, web/api/openapi.ts). Each is typed against the
 * service's own result type, so a field the service adds or renames fails the typecheck here
 * instead of leaving the document wrong.
 */
import { z } from 'zod';
import { PORT_SETTINGS, serverSettingsSchema } from '../../config/settings.js';
import type { PortView, UserSnapshot } from '../../services/index.js';

const levelSchema = z.enum(['APPLIANCEADMIN', 'ADMIN', 'USER']);

export const userSnapshotSchema = z.object({
  name: z.string(),
  level: levelSchema,
  source: z.enum(['LOCAL', 'RADIUS', 'LDAP', 'TACACS']).describe('issue 15: where the password is checked and the rights come from'),
  access: z.string().describe('SPEC §3 access list, e.g. PALL,SMON'),
  groups: z.array(z.string()),
  password: z.boolean().describe('the user has a password (never shown)'),
  keys: z.array(z.string()).describe('authorised SSH key types and comments'),
  lockedUntil: z.number().nullable().describe('ms since the epoch while locked out'),
  failedLogins: z.number(),
  logins: z.number().describe('logins active now'),
  portAccess: z.enum(['BY GROUP', 'BY PORT']).describe('issue 12: BY GROUP once any port group exists, unless the user has PALL'),
  lastLoginAt: z.number().nullable().describe('ms since the epoch of the latest terminal login; null: none recorded'),
  connections: z.array(z.object({
    port: z.number().nullable().describe('the port connected to; null at the CLI'),
    since: z.number().describe('login time, ms since the epoch'),
    method: z.string().describe('ssh, telnet, web, console'),
    socket: z.number().nullable().describe('the TCP port the client came in on; null for the console'),
    from: z.string().describe('client address:port, or console'),
  })).describe('issue 12: one entry per login now (SHOW USER\'s Port, Duration, Socket, From)'),
}) satisfies z.ZodType<UserSnapshot>;

const portSettingsShape = Object.fromEntries(Object.entries(PORT_SETTINGS).map(([field, row]) => [field, row.schema]));

export const portViewSchema = z.object({
  port: z.number(),
  ...portSettingsShape,
  status: z.string().describe('device: open, lost, reopening, closed'),
  users: z.number().describe('connections on the port now'),
  counters: z.object({
    txBytes: z.number(), rxBytes: z.number(),
    droppedBytes: z.number().describe('output dropped for slow connections'),
    errors: z.number().describe('device errors: losses and failed opens'),
  }).describe('issue 12: since start-up'),
  connections: z.array(z.object({
    user: z.string(), session: z.string(), mode: z.enum(['rw', 'shared', 'exclusive', 'listen']),
  })).describe('issue 12: who is connected'),
}) as unknown as z.ZodType<PortView>;

export { serverSettingsSchema };

/** A list edit as the CLI's `=list`, `=+list`, `=-list`: a plain string sets the list. */
export const listChangeSchema = z.union([
  z.string(),
  z.object({ op: z.enum(['set', 'add', 'remove']), list: z.string() }).strict(),
]);

export type ListChangeInput = z.infer<typeof listChangeSchema>;

export function listChange(input: ListChangeInput | undefined): { op: 'set' | 'add' | 'remove'; list: string } | undefined {
  if (input === undefined) return undefined;
  return typeof input === 'string' ? { op: 'set', list: input } : input;
}
