/** SPEC §6 `QUIT`: ends the login (and any port connection it holds). */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { interactive, isFailure } from './session-words.js';

export const quit: CommandDeclaration<CommandContext> = {
  path: ['QUIT'],
  syntax: 'QUIT',
  help: 'Logs out.',
  run(ctx, args) {
    const session = interactive(ctx, args);
    if (isFailure(session)) return session;
    session.quit();
  },
};
