/** SPEC §6 `CONNECT <port> [EXCLUSIVE]`: the broker decides (SPEC §4); notices tell the user. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { interactive, isFailure, portWord } from './session-words.js';

export const connect: CommandDeclaration<CommandContext> = {
  path: ['CONNECT', '<port>', '[EXCLUSIVE]'],
  syntax: 'CONNECT <port> [EXCLUSIVE]',
  help: 'Connects to a port by number or name. EXCLUSIVE asks for the port alone (granted only when nobody is on it).',
  run(ctx, args) {
    const session = interactive(ctx, args);
    if (isFailure(session)) return session;
    const port = portWord(ctx, args);
    if (isFailure(port)) return port;
    session.connect(port, args.flags.has('EXCLUSIVE'), 'rw');
  },
};
