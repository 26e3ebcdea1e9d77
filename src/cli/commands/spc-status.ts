/**
 * Issue 12 `SPC <n> STATUS [<outlet>]`: the outlets of the power strip on TD=SPC port n, as the
 * strip reports them now (services/spc.ts; PCON or access to port n).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { runSpc } from './spc-words.js';

export const spcStatus: CommandDeclaration<CommandContext> = {
  path: ['SPC', '<n>', 'STATUS', '[<outlet>]'],
  syntax: 'SPC <n> STATUS [<outlet>]',
  help: [
    'Shows the outlets of the power strip on port n (a TD=SPC port): ON, OFF or CYCLING.',
    'Needs PCON or access to port n. ERR 41: port n is not TD=SPC; ERR 42: the strip did not answer',
    'in 3 s; ERR 43: the strip has no such outlet.',
  ].join('\n'),
  run: (ctx, args) => runSpc(ctx, args, 'STATUS'),
};
