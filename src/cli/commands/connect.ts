/** SPEC §6 `CONNECT <port> [EXCLUSIVE]`: the broker decides (SPEC §4); notices tell the user. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { requestPort } from './session-words.js';

export const connect: CommandDeclaration<CommandContext> = {
  path: ['CONNECT', '<port>', '[EXCLUSIVE]'],
  syntax: 'CONNECT <port> [EXCLUSIVE]',
  help: 'Connects to a port by number or name. EXCLUSIVE asks for the port alone (granted only when nobody is on it).',
  run: (ctx, args) => requestPort(ctx, args, args.flags.has('EXCLUSIVE'), 'rw'),
};
