/**
 * SPEC §6 `PORT <n> HISTORY`: opens history mode (cli/history-viewer.ts) on the port's buffer.
 * Decided: it needs what CONNECT needs, access to the port (SPEC §3, BY GROUP), not SMON: the
 * history is what a connected user would have seen.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { callerReaches, wordOf } from './admin-words.js';
import { interactive, isFailure, portWord } from './session-words.js';

export const portHistory: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'HISTORY'],
  syntax: 'PORT <n> HISTORY',
  help: [
    "Shows the port's history buffer, 23 lines a page. Keys: B)ottom, C)lear, H)elp, N)ext,",
    'P)rev, Q)uit, R)esume (back to the port), S)earch, T)op.',
  ].join('\n'),
  run(ctx, args) {
    const session = interactive(ctx, args);
    if (isFailure(session)) return session;
    const port = portWord(ctx, args, 'n');
    if (isFailure(port)) return port;
    if (!callerReaches(ctx, port)) return failure(cliError('insufficientPrivileges', `port ${port}`), wordOf(args, 'n').token);
    // The viewer's C)lear empties the port's buffer: a port setting, so PCON only.
    const clear = ctx.hasRight('PCON') ? () => ctx.app.port(port).clearHistory() : null;
    session.viewHistory(port, ctx.app.port(port).history(), clear);
  },
};
