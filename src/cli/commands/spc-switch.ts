/**
 * Issue 12 `SPC <n> ON|OFF|CYCLE <outlet>`: switches an outlet of the power strip on TD=SPC port
 * n (services/spc.ts: PCON or access to port n; audited; a `power` event in the session history
 * of port n and of the port you are attached to, where a session runs).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { runSpc } from './spc-words.js';

export const spcSwitch: CommandDeclaration<CommandContext> = {
  path: ['SPC', '<n>', '<action:ON|OFF|CYCLE>', '<outlet>'],
  syntax: 'SPC <n> ON|OFF|CYCLE <outlet>',
  help: [
    'Switches an outlet of the power strip on port n (a TD=SPC port) on or off, or CYCLE: off, then',
    'on again after the strip\'s cycle time (shown CYCLING until then). Needs PCON or access to',
    'port n; audited, and recorded as a power event in the session history of port n and of the',
    'port you are attached to. ERR 41: not TD=SPC; 42: no answer in 3 s; 43: no such outlet;',
    '44: the strip refused (its reason follows).',
  ].join('\n'),
  run(ctx, args) {
    const action = args.words.get('action')?.text as 'ON' | 'OFF' | 'CYCLE';
    return runSpc(ctx, args, action);
  },
};
