/** SPEC §9 `SERVER SECURITY [LOCKOUT=<hours>]` (SCON): 1-99 hours as the manual (issue 12), 0 turns lockout off. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { MAX_LOCKOUT_HOURS } from '../../domain/lockout.js';
import { integer } from '../param-checks.js';
import { saveServerSettings } from './server-write.js';

export const serverSecurity: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SECURITY'],
  syntax: 'SERVER SECURITY [LOCKOUT=<hours>]',
  help: 'LOCKOUT= is how long, 1-99 hours, 5 failed network logins in a row lock a user out (default 1 hour, 0 = off).',
  right: 'SCON',
  params: { LOCKOUT: { check: integer(0, MAX_LOCKOUT_HOURS) } },
  run(ctx, args) {
    const hours = args.params.get('LOCKOUT')?.value as number | undefined;
    return saveServerSettings(ctx, args, 'SERVER SECURITY', hours === undefined ? {} : { lockoutHours: hours }, 'LOCKOUT=');
  },
};
