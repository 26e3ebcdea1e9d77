/**
 * SPEC §9 `SERVER SECURITY [LOCKOUT=<hours>]` (SCON): 1-99 hours as the manual (issue 12), 0 turns lockout off. Issue 15 `AUTH=`: the
 * ordered methods a password is checked by (LOCAL, RADIUS, LDAP, TACACS, comma-separated),
 * saved through the auth settings service (a remote method needs a server first: ERR 50).
 */
import { AUTH_METHODS, type AuthMethod } from '../../services/auth-settings.js';
import type { CommandDeclaration, ParamCheck } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { saveServerSettings, serverParams, serverPatch } from './server-write.js';

const authList: ParamCheck = (value) => {
  const methods = value.toUpperCase().split(',');
  if (methods.some((m) => !(AUTH_METHODS as readonly string[]).includes(m))) {
    return { ok: false, detail: `expected a list of ${AUTH_METHODS.join(', ')}` };
  }
  if (new Set(methods).size !== methods.length) return { ok: false, detail: 'a method is listed twice' };
  return { ok: true, value: methods as AuthMethod[] };
};

export const serverSecurity: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SECURITY'],
  syntax: 'SERVER SECURITY [LOCKOUT=<hours>] [AUTH=LOCAL|RADIUS|LDAP|TACACS[,...]]',
  help: [
    'LOCKOUT= is how long, 1-99 hours, 5 failed network logins in a row lock a user out (default 1 hour, 0 = off).',
    'AUTH= lists the methods that check passwords, in order (default LOCAL). A server that',
    'answers decides; the next method is tried only when no server of a method answers',
    '(RADIUS,LOCAL: local users only while RADIUS is down). LOCAL first passes names it does',
    'not hold to the next method. Set up the servers first: SERVER RADIUS, LDAP or TACACS.',
  ].join('\n'),
  right: 'SCON',
  params: { ...serverParams('SECURITY'), AUTH: { check: authList } },
  run(ctx, args) {
    const auth = args.params.get('AUTH');
    if (auth !== undefined) {
      const saved = ctx.services.auth.update(ctx, { methods: auth.value as AuthMethod[] });
      if (!saved.ok) return refusalFailure(saved, args, { methods: 'AUTH' });
      if (args.params.size === 1) return;
    }
    return saveServerSettings(ctx, args, 'SECURITY', serverPatch('SECURITY', args), 'LOCKOUT= or AUTH=');
  },
};
