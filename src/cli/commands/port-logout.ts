/**
 * SPEC §6 `PORT <n> LOGOUT` (PCON): ends every connection on the port; each is told
 * `Session ended by <user>` (SPEC §7, through the broker). A port nobody is on is an error.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { isFailure, portWord } from './session-words.js';

export const portLogout: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'LOGOUT'],
  syntax: 'PORT <n> LOGOUT',
  help: 'Ends every connection on a port.',
  right: 'PCON',
  run(ctx, args) {
    const port = portWord(ctx, args, 'n');
    if (isFailure(port)) return port;
    const ended = ctx.services.ports.logout(ctx, port);
    if (!ended.ok) return refusalFailure(ended, args, { port: 'n' });
  },
};
