/**
 * Issue 15 `SERVER TACACS` (SCON): the TACACS+ servers ccmd asks when `SERVER SECURITY AUTH=`
 * lists TACACS (services/auth-settings.ts). Keys are write-only (never shown, audited as
 * `(set)`, masked when echoed).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { integer, oneOf, text } from '../param-checks.js';
import {
  accessTextCheck, hostPort, param, saveAuth, secretCheck, secretServerFields, secretServersEdit,
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
  run: (ctx, args) => saveAuth(ctx, args, {
    tacacs: { ...secretServersEdit(args), login: param<'ASCII' | 'PAP'>(args, 'LOGIN'), service: param<string>(args, 'SERVICE') },
  }, secretServerFields('tacacs'), 'PRIMARY=, SECONDARY=, PSECRET=, SSECRET=, TIMEOUT=, LOGIN=, SERVICE= or DEFAULT='),
};
