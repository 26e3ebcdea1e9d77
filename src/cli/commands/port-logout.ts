/**
 * SPEC §6 `PORT <n> LOGOUT` (PCON): ends every connection on the port; each is told
 * `Session ended by <user>` (SPEC §7, through the broker). A port nobody is on is an error.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { wordOf } from './admin-words.js';
import { isFailure, portWord } from './session-words.js';

export const portLogout: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'LOGOUT'],
  syntax: 'PORT <n> LOGOUT',
  help: 'Ends every connection on a port.',
  right: 'PCON',
  run(ctx, args) {
    const port = portWord(ctx, args, 'n');
    if (isFailure(port)) return port;
    const state = ctx.app.broker().ports[port - 1];
    if (state === undefined || (state.connections.length === 0 && state.pending.length === 0)) {
      return failure(cliError('noSuchSession', `nobody is connected to port ${port}`), wordOf(args, 'n').token);
    }
    ctx.app.dispatch({ type: 'endSession', port, by: { user: ctx.user, level: ctx.level } });
    ctx.app.audit(ctx, 'PORT LOGOUT', `port ${port}`);
  },
};
