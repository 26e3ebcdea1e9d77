/** SPEC §6 `LISTEN <port>`: a read-only monitor (SMON), counted in the limits, never SO. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { requestPort } from './session-words.js';

export const listen: CommandDeclaration<CommandContext> = {
  path: ['LISTEN', '<port>'],
  syntax: 'LISTEN <port>',
  help: 'Monitors a port read-only: you see its output but cannot type to it.',
  right: 'SMON',
  run: (ctx, args) => requestPort(ctx, args, false, 'listen'),
};
