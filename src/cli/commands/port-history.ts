/**
 * SPEC §6 `PORT <n> HISTORY`: opens history mode (cli/history-viewer.ts) on the port's buffer.
 * Access to the port is needed, and PCON for the viewer's C)lear (services/ports.ts).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
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
    const ports = ctx.services.ports;
    const shown = ports.history(ctx, port);
    if (!shown.ok) return refusalFailure(shown, args, { port: 'n' });
    session.viewHistory(port, shown.history, shown.mayClear ? () => { ports.clearHistory(ctx, port); } : null);
  },
};
