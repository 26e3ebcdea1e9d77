/**
 * Issue 15 `SERVER RADIUS` (SCON): the RADIUS servers ccmd asks when `SERVER SECURITY AUTH=`
 * lists RADIUS. Secrets are write-only: SHOW never prints them, the audit says `(set)`, and an
 * echoed error line masks them (mask-secrets.ts).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer } from '../param-checks.js';
import {
  accessTextCheck, auditDetail, hostPort, isFailure, saveAuthSettings, secretCheck, secretServerEdit,
} from './server-auth-words.js';

export const RADIUS_PORT = 1812;

export const serverRadius: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'RADIUS'],
  syntax: 'SERVER RADIUS [PRIMARY=<host>[:<port>]|NONE] [PSECRET=] [SECONDARY=<host>[:<port>]|NONE] [SSECRET=] [TIMEOUT=<s>] [RETRIES=<n>] [DEFAULT=<access>|NONE]',
  help: [
    'Sets the RADIUS servers (port 1812 unless given) and their shared secrets, the time-out',
    'per try (1-60 s, default 3) and retries per server (0-5, default 1). A user the server',
    'accepts gets the rights in its Filter-Id ccmd:<access> (e.g. ccmd:P1-4,SMON or',
    'ccmd:ADMIN); without one, DEFAULT= (NONE: the login is refused).',
  ].join('\n'),
  right: 'SCON',
  params: {
    PRIMARY: { check: hostPort(RADIUS_PORT) }, PSECRET: { check: secretCheck },
    SECONDARY: { check: hostPort(RADIUS_PORT) }, SSECRET: { check: secretCheck },
    TIMEOUT: { check: integer(1, 60) }, RETRIES: { check: integer(0, 5) }, DEFAULT: { check: accessTextCheck },
  },
  run(ctx, args) {
    const current = ctx.app.store.auth.get().radius;
    const p = args.params;
    const servers = secretServerEdit(ctx, args, 'RADIUS', current);
    if (isFailure(servers)) return servers;
    const radius = {
      ...current, ...servers,
      timeoutSeconds: (p.get('TIMEOUT')?.value as number | undefined) ?? current.timeoutSeconds,
      retries: (p.get('RETRIES')?.value as number | undefined) ?? current.retries,
    };
    return saveAuthSettings(ctx, args, 'SERVER RADIUS', { radius }, auditDetail(args, ['PSECRET', 'SSECRET']),
      'PRIMARY=, SECONDARY=, PSECRET=, SSECRET=, TIMEOUT=, RETRIES= or DEFAULT=');
  },
};
