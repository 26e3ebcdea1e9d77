/**
 * Issue 15 `SERVER RADIUS` (SCON): the RADIUS servers ccmd asks when `SERVER SECURITY AUTH=`
 * lists RADIUS (services/auth-settings.ts). Secrets are write-only: SHOW never prints them, the
 * audit says `(set)`, and an echoed error line masks them (mask-secrets.ts).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer } from '../param-checks.js';
import {
  accessTextCheck, hostPort, param, saveAuth, secretCheck, secretServerFields, secretServersEdit,
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
  run: (ctx, args) => saveAuth(ctx, args, { radius: { ...secretServersEdit(args), retries: param<number>(args, 'RETRIES') } },
    secretServerFields('radius'), 'PRIMARY=, SECONDARY=, PSECRET=, SSECRET=, TIMEOUT=, RETRIES= or DEFAULT='),
};
