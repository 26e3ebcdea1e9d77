/**
 * SPEC §6 `PORT <n> BREAK` (BREAK right). Decided: the caller must also be able to reach the
 * port (SPEC §3), since a break can halt the device; it lasts BREAK_MS (services/ports.ts).
 */
import { BREAK_MS } from '../../services/ports.js';
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { isFailure, portWord } from './session-words.js';

export { BREAK_MS };

export const portBreak: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'BREAK'],
  syntax: 'PORT <n> BREAK',
  help: `Sends a serial break (${BREAK_MS} ms) to a port you can reach.`,
  right: 'BREAK',
  async run(ctx, args) {
    const port = portWord(ctx, args, 'n');
    if (isFailure(port)) return port;
    const sent = await ctx.services.ports.sendBreak(ctx, port);
    if (!sent.ok) return refusalFailure(sent, args, { port: 'n' });
  },
};
