/** SPEC §6 `DISCONNECT`: leaves the port this login is connected to. */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { interactive, isFailure } from './session-words.js';

export const disconnect: CommandDeclaration<CommandContext> = {
  path: ['DISCONNECT'],
  syntax: 'DISCONNECT',
  help: 'Ends your connection to the port you escaped from, and stays in the CLI.',
  run(ctx, args) {
    const session = interactive(ctx, args);
    if (isFailure(session)) return session;
    if (!session.disconnect()) return failure(cliError('notConnected'), args.tokens[0] ?? null);
  },
};
