/**
 * Shared pieces of the issue 15 commands (SERVER SECURITY AUTH=, SERVER RADIUS|LDAP|TACACS):
 * value checks for server addresses, secrets and access texts, and saving through the auth
 * settings service (which checks SCON and the safety rules, stores, audits without secrets).
 */
import type { AuthSettingsPatch } from '../../services/auth-settings.js';
import { failure, type CommandArgs, type CommandResult, type ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { refusalFailure, type FieldTokens } from '../refusal.js';
import { endOfLine } from '../tokenizer.js';

export interface HostPort { readonly host: string; readonly port: number }

const HOST = /^[A-Za-z0-9._-]{1,253}$/;

/** `host`, `host:port`, `[v6]:port`, a bare IPv6 address, or `NONE` (value null). */
export function hostPort(defaultPort: number): ParamCheck {
  return (value) => {
    if (value.toUpperCase() === 'NONE') return { ok: true, value: null };
    const m = /^\[([0-9A-Fa-f:.]+)\](?::([0-9]{1,5}))?$/.exec(value) ?? /^([^:[\]]+)(?::([0-9]{1,5}))?$/.exec(value)
      ?? /^([0-9A-Fa-f]*:[0-9A-Fa-f:]*)()$/.exec(value);
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

/** `DEFAULT=` / `ACCESS=`: an access text (checked against the profile by the service), or NONE (null). */
export const accessTextCheck: ParamCheck = (value) => {
  if (value.toUpperCase() === 'NONE') return { ok: true, value: null };
  return value.length >= 1 && value.length <= 200 ? { ok: true, value } : { ok: false, detail: 'expected an access list, a level or NONE' };
};

/** The typed value of `key`, or undefined when it was not given. */
export function param<T>(args: CommandArgs<CommandContext>, key: string): T | undefined {
  return args.params.has(key) ? (args.params.get(key)?.value as T) : undefined;
}

/** Service fields of the SERVER RADIUS/TACACS keys, for underlining what a refusal blames. */
export function secretServerFields(doc: string): FieldTokens {
  return {
    [`${doc}.primary`]: 'PRIMARY', [`${doc}.secondary`]: 'SECONDARY', [`${doc}.primarySecret`]: 'PSECRET',
    [`${doc}.secondarySecret`]: 'SSECRET', [`${doc}.defaultAccess`]: 'DEFAULT',
  };
}

/** The PRIMARY=/PSECRET=/SECONDARY=/SSECRET=/TIMEOUT=/DEFAULT= part of a RADIUS or TACACS+ edit. */
export function secretServersEdit(args: CommandArgs<CommandContext>) {
  const primary = param<HostPort | null>(args, 'PRIMARY');
  const secondary = param<HostPort | null>(args, 'SECONDARY');
  return {
    ...(primary === undefined ? {} : { primary }), ...(secondary === undefined ? {} : { secondary }),
    primarySecret: param<string>(args, 'PSECRET'), secondarySecret: param<string>(args, 'SSECRET'),
    timeoutSeconds: param<number>(args, 'TIMEOUT'), defaultAccess: param<string | null>(args, 'DEFAULT'),
  };
}

/** Saves through the service; nothing typed is a missing parameter (`expected` says what). */
export function saveAuth(
  ctx: CommandContext, args: CommandArgs<CommandContext>, patch: AuthSettingsPatch, fields: FieldTokens, expected: string,
): CommandResult {
  if (args.params.size === 0) return failure(cliError('missingParameter', expected), endOfLine(args.line));
  const saved = ctx.services.auth.update(ctx, patch);
  if (!saved.ok) return refusalFailure(saved, args, fields);
}
