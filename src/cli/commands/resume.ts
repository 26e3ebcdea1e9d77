/** SPEC §6 `RESUME`: back to the port after the access character took you to the CLI. */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { interactive, isFailure } from './session-words.js';

export const resume: CommandDeclaration<CommandContext> = {
  path: ['RESUME'],
  syntax: 'RESUME',
  help: 'Returns to the port you left with the CLI access character.',
  run(ctx, args) {
    const session = interactive(ctx, args);
    if (isFailure(session)) return session;
    if (!session.resume()) return failure(cliError('notConnected'), args.tokens[0] ?? null);
  },
};
