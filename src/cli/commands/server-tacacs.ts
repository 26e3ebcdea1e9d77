/**
 * Issue 15 `SERVER TACACS` (SCON): the TACACS+ servers ccmd asks when `SERVER SECURITY AUTH=`
 * lists TACACS. Secrets are write-only (never shown, audited as `(set)`, masked when echoed).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer, oneOf, text } from '../param-checks.js';
import {
  accessTextCheck, auditDetail, hostPort, isFailure, saveAuthSettings, secretCheck, secretServerEdit,
} from './server-auth-words.js';

export const TACACS_PORT = 49;

export const serverTacacs: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'TACACS'],
  syntax: 'SERVER TACACS [PRIMARY=<host>[:<port>]|NONE] [PSECRET=] [SECONDARY=<host>[:<port>]|NONE] [SSECRET=] [TIMEOUT=<s>] [LOGIN=ASCII|PAP] [SERVICE=<name>] [DEFAULT=<access>|NONE]',
  help: [
    'Sets the TACACS+ servers (port 49 unless given) and their keys, the time-out per step',
    '(1-60 s, default 3) and the login type (ASCII or PAP). After authentication ccmd asks for',
    'authorization of service=<SERVICE> (default ccmd); the argument ccmd-access=<access>',
    '(e.g. P1-4,SMON or ADMIN) gives the rights; without one, DEFAULT= (NONE: refused).',
  ].join('\n'),
  right: 'SCON',
  params: {
    PRIMARY: { check: hostPort(TACACS_PORT) }, PSECRET: { check: secretCheck },
    SECONDARY: { check: hostPort(TACACS_PORT) }, SSECRET: { check: secretCheck },
    TIMEOUT: { check: integer(1, 60) }, LOGIN: { check: oneOf('ASCII', 'PAP') },
    SERVICE: { check: text(1, 32, /^[A-Za-z0-9_-]+$/, 'letters, digits, _ or -') }, DEFAULT: { check: accessTextCheck },
  },
  run(ctx, args) {
    const current = ctx.app.store.auth.get().tacacs;
    const p = args.params;
    const servers = secretServerEdit(ctx, args, 'TACACS', current);
    if (isFailure(servers)) return servers;
    const tacacs = {
      ...current, ...servers,
      timeoutSeconds: (p.get('TIMEOUT')?.value as number | undefined) ?? current.timeoutSeconds,
      login: (p.get('LOGIN')?.value as 'ASCII' | 'PAP' | undefined) ?? current.login,
      service: (p.get('SERVICE')?.value as string | undefined) ?? current.service,
    };
    return saveAuthSettings(ctx, args, 'SERVER TACACS', { tacacs }, auditDetail(args, ['PSECRET', 'SSECRET']),
      'PRIMARY=, SECONDARY=, PSECRET=, SSECRET=, TIMEOUT=, LOGIN=, SERVICE= or DEFAULT=');
  },
};
