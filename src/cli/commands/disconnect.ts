/** SPEC §6 `DISCONNECT`: leaves the port this login is connected to. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { onHeldPort } from './session-words.js';

export const disconnect: CommandDeclaration<CommandContext> = {
  path: ['DISCONNECT'],
  syntax: 'DISCONNECT',
  help: 'Ends your connection to the port you escaped from, and stays in the CLI.',
  run: (ctx, args) => onHeldPort(ctx, args, (session) => session.disconnect()),
};
