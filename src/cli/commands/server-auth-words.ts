/**
 * Shared pieces of the issue 15 commands (SERVER SECURITY AUTH=, SERVER RADIUS|LDAP|TACACS):
 * server addresses, access texts, and saving auth settings with an audit line that never
 * holds a secret.
 */
import { parseAccess } from '../../auth/grant.js';
import type { AuthSettings, RemoteMethod, SecretServer } from '../../store/auth-settings-repository.js';
import {
  failure, type CommandArgs, type CommandFailure, type CommandResult, type ParamCheck, type ParamValue,
} from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { endOfLine } from '../tokenizer.js';
import { firstWord } from './admin-words.js';

export interface HostPort { readonly host: string; readonly port: number }

const HOST = /^[A-Za-z0-9._-]{1,253}$/;

/** `host`, `host:port`, `[v6]:port`, or `NONE` (value null). */
export function hostPort(defaultPort: number): ParamCheck {
  return (value) => {
    if (value.toUpperCase() === 'NONE') return { ok: true, value: null };
    const m = /^\[([0-9A-Fa-f:.]+)\](?::([0-9]{1,5}))?$/.exec(value) ?? /^([^:[\]]+)(?::([0-9]{1,5}))?$/.exec(value)
      ?? /^([0-9A-Fa-f:]*:[0-9A-Fa-f:]*)()$/.exec(value);
    const host = m?.[1] ?? '';
    const port = m?.[2] ? Number(m[2]) : defaultPort;
    if (m === null || !(HOST.test(host) || host.includes(':')) || port < 1 || port > 65535) {
      return { ok: false, detail: 'expected host, host:port or NONE' };
    }
    return { ok: true, value: { host, port } satisfies HostPort };
  };
}

/** A shared secret: 1-128 characters. */
export const secretCheck: ParamCheck = (value) =>
  value.length >= 1 && value.length <= 128 ? { ok: true, value } : { ok: false, detail: 'expected 1-128 characters' };

/** `DEFAULT=<access>|NONE`: the text as typed, checked against the profile in `accessParam`. */
export const accessTextCheck: ParamCheck = (value) =>
  value.length >= 1 && value.length <= 200 ? { ok: true, value } : { ok: false, detail: 'expected an access list, a level or NONE' };

/** An access text parameter as stored: canonical text, null for NONE, or a failure. */
export function accessParam(ctx: CommandContext, param: ParamValue | undefined): string | null | undefined | CommandFailure {
  if (param === undefined) return undefined;
  const text = String(param.value);
  if (text.toUpperCase() === 'NONE') return null;
  if (parseAccess(text, ctx.app.profile.ports) === null) {
    return failure(cliError('invalidValue', `'${text}' is not APPLIANCEADMIN, ADMIN or an access list like P1-4,SMON`), param.token);
  }
  return text.toUpperCase();
}

export function isFailure(value: unknown): value is CommandFailure {
  return typeof value === 'object' && value !== null && 'error' in value && 'at' in value;
}

/**
 * A server slot (primary or secondary) after `ADDRESS=` and `SECRET=`: the address keeps its
 * secret, a new server needs one (ERR 51), NONE removes it.
 */
export function secretSlot(
  current: SecretServer | null, address: ParamValue | undefined, secret: ParamValue | undefined, secretKey: string,
): SecretServer | null | CommandFailure {
  const where = address?.value === undefined ? current : (address.value as HostPort | null);
  if (where === null) {
    if (secret !== undefined && address === undefined) {
      return failure(cliError('authServerMissing', `set the server before ${secretKey}=`), secret.token);
    }
    return null;
  }
  const value = secret === undefined ? current?.secret : String(secret.value);
  if (value === undefined) return failure(cliError('secretMissing', `give ${secretKey}= with a new server`), address?.token ?? null);
  return { host: where.host, port: where.port, secret: value };
}

/** Stores `patch` (all or nothing), audits `detail`; an empty patch is a missing parameter. */
export function saveAuthSettings(
  ctx: CommandContext, args: CommandArgs<CommandContext>, action: string, patch: Partial<AuthSettings>, detail: string,
  expected: string,
): CommandResult {
  if (args.params.size === 0) return failure(cliError('missingParameter', expected), endOfLine(args.line));
  const written = ctx.app.store.auth.set(patch);
  if (!written.ok) return failure(cliError('invalidValue', `${written.key} ${written.message}`), firstWord(args));
  ctx.app.audit(ctx, action, detail);
}

/** The audit text of the parameters typed: secrets as `(set)`. */
export function auditDetail(args: CommandArgs<CommandContext>, secretKeys: readonly string[]): string {
  return [...args.params.entries()]
    .map(([key, p]) => `${key}=${secretKeys.includes(key) ? '(set)' : p.token.text.slice(p.token.text.indexOf('=') + 1)}`)
    .join(' ');
}

/** ERR 52: a method `SERVER SECURITY AUTH=` lists keeps its primary server. */
export function stillNeeded(ctx: CommandContext, method: RemoteMethod, primary: unknown, args: CommandArgs<CommandContext>): CommandFailure | null {
  if (primary !== null || !ctx.app.store.auth.get().methods.includes(method)) return null;
  const token = args.params.get('PRIMARY')?.token ?? null;
  return failure(cliError('authMethodInUse', `AUTH= lists ${method}; change SERVER SECURITY AUTH= first`), token);
}

export interface SecretServerSettings {
  readonly primary: SecretServer | null;
  readonly secondary: SecretServer | null;
  readonly defaultAccess: string | null;
}

/**
 * SERVER RADIUS and SERVER TACACS share PRIMARY=/PSECRET=, SECONDARY=/SSECRET= and DEFAULT=:
 * the three settings after the line, or the refusal.
 */
export function secretServerEdit(
  ctx: CommandContext, args: CommandArgs<CommandContext>, method: RemoteMethod, current: SecretServerSettings,
): SecretServerSettings | CommandFailure {
  const p = args.params;
  const primary = secretSlot(current.primary, p.get('PRIMARY'), p.get('PSECRET'), 'PSECRET');
  if (isFailure(primary)) return primary;
  const needed = stillNeeded(ctx, method, primary, args);
  if (needed) return needed;
  const secondary = secretSlot(current.secondary, p.get('SECONDARY'), p.get('SSECRET'), 'SSECRET');
  if (isFailure(secondary)) return secondary;
  const defaultAccess = accessParam(ctx, p.get('DEFAULT'));
  if (isFailure(defaultAccess)) return defaultAccess;
  return { primary, secondary, defaultAccess: defaultAccess === undefined ? current.defaultAccess : defaultAccess };
}
