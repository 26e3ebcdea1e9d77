/** SPEC §6 `LISTEN <port>`: a read-only monitor (SMON), counted in the limits, never SO. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { interactive, isFailure, portWord } from './session-words.js';

export const listen: CommandDeclaration<CommandContext> = {
  path: ['LISTEN', '<port>'],
  syntax: 'LISTEN <port>',
  help: 'Monitors a port read-only: you see its output but cannot type to it.',
  right: 'SMON',
  run(ctx, args) {
    const session = interactive(ctx, args);
    if (isFailure(session)) return session;
    const port = portWord(ctx, args);
    if (isFailure(port)) return port;
    session.connect(port, false, 'listen');
  },
};
