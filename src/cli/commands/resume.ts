/** SPEC §6 `RESUME`: back to the port after the access character took you to the CLI. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { onHeldPort } from './session-words.js';

export const resume: CommandDeclaration<CommandContext> = {
  path: ['RESUME'],
  syntax: 'RESUME',
  help: 'Returns to the port you left with the CLI access character.',
  run: (ctx, args) => onHeldPort(ctx, args, (session) => session.resume()),
};
