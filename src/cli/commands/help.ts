/** SPEC §6 `HELP [command]`: the command list, or the details of the commands named. */
import type { CommandDeclaration } from '../command.js';

export const help: CommandDeclaration = {
  path: ['HELP', '[<topic>...]'],
  syntax: 'HELP [command]',
  help: 'Lists the commands, or describes the commands that start with the words given (HELP PORT SET).',
  run(ctx, args) {
    const result = args.rest.length === 0 ? { ok: true as const, lines: args.registry.helpIndex() } : args.registry.helpFor(args.rest);
    if (!result.ok) return result.failure;
    for (const line of result.lines) ctx.print(line);
  },
};
