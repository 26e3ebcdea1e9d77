/** SPEC §9 `SERVER SECURITY [LOCKOUT=<hours>]` (SCON): 1-99 hours as the manual (issue 12), 0 turns lockout off. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { saveServerSettings, serverParams, serverPatch } from './server-write.js';

export const serverSecurity: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SECURITY'],
  syntax: 'SERVER SECURITY [LOCKOUT=<hours>]',
  help: 'LOCKOUT= is how long, 1-99 hours, 5 failed network logins in a row lock a user out (default 1 hour, 0 = off).',
  right: 'SCON',
  params: serverParams('SECURITY'),
  run: (ctx, args) => saveServerSettings(ctx, args, 'SECURITY', serverPatch('SECURITY', args), 'LOCKOUT='),
};
