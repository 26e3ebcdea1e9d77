/**
 * SPEC §9 `SERVER SECURITY [LOCKOUT=<hours>]` (SCON): 0 turns lockout off. Issue 15 `AUTH=`: the
 * ordered methods a password is checked by (LOCAL, RADIUS, LDAP, TACACS, comma-separated).
 * A remote method needs a server first (ERR 50), so a typo cannot lock every network login out.
 */
import { AUTH_METHODS, type AuthMethod, type AuthSettings } from '../../store/auth-settings-repository.js';
import { failure, type CommandDeclaration, type ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { integer } from '../param-checks.js';
import { saveServerSettings } from './server-write.js';

const authList: ParamCheck = (value) => {
  const methods = value.toUpperCase().split(',');
  const bad = methods.find((m) => !(AUTH_METHODS as readonly string[]).includes(m));
  if (bad !== undefined || methods.length === 0) return { ok: false, detail: `expected a list of ${AUTH_METHODS.join(', ')}` };
  if (new Set(methods).size !== methods.length) return { ok: false, detail: 'a method is listed twice' };
  return { ok: true, value: methods as AuthMethod[] };
};

/** A remote method listed without any server, or null. */
function unconfigured(settings: AuthSettings, methods: readonly AuthMethod[]): AuthMethod | null {
  const servers = { LOCAL: true, RADIUS: settings.radius.primary, LDAP: settings.ldap.primary, TACACS: settings.tacacs.primary };
  return methods.find((m) => servers[m] === null) ?? null;
}

export const serverSecurity: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SECURITY'],
  syntax: 'SERVER SECURITY [LOCKOUT=<hours>] [AUTH=LOCAL|RADIUS|LDAP|TACACS[,...]]',
  help: [
    'LOCKOUT= is how long 5 failed network logins in a row lock a user out (default 1 hour, 0 = off).',
    'AUTH= lists the methods that check passwords, in order (default LOCAL). A server that',
    'answers decides; the next method is tried only when no server of a method answers',
    '(RADIUS,LOCAL: local users only while RADIUS is down). LOCAL first passes names it does',
    'not hold to the next method. Set up the servers first: SERVER RADIUS, LDAP or TACACS.',
  ].join('\n'),
  right: 'SCON',
  params: { LOCKOUT: { check: integer(0, 8760) }, AUTH: { check: authList } },
  run(ctx, args) {
    const hours = args.params.get('LOCKOUT')?.value as number | undefined;
    const auth = args.params.get('AUTH');
    if (auth !== undefined) {
      const methods = auth.value as AuthMethod[];
      const missing = unconfigured(ctx.app.store.auth.get(), methods);
      if (missing !== null) return failure(cliError('authServerMissing', `set SERVER ${missing} PRIMARY= first`), auth.token);
      const written = ctx.app.store.auth.set({ methods });
      if (!written.ok) return failure(cliError('invalidValue', written.message), auth.token);
      ctx.app.audit(ctx, 'SERVER SECURITY', `AUTH=${methods.join(',')}`);
      if (hours === undefined) return;
    }
    return saveServerSettings(ctx, args, 'SERVER SECURITY', hours === undefined ? {} : { lockoutHours: hours }, 'LOCKOUT= or AUTH=');
  },
};
