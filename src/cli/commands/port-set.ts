/**
 * SPEC §6 `PORT <n|n-m|ALL> SET ...` (PCON). The port service checks, saves all ports or none,
 * applies the settings live and audits; serial settings a device refuses come back as warnings
 * (the setting is kept for the next open).
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { wordOf } from './admin-words.js';
import { PORT_FIELDS, PORT_PARAMS, portChanges } from './port-settings-edit.js';

export const portSet: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'SET'],
  syntax: 'PORT <n|n-m|ALL> SET [NAME=] [BAUD=] [SIZE=7|8] [PARITY=NONE|EVEN|ODD] [STOP=1|2] '
    + '[FLOW=NONE|XONXOF|RTSCTS] [TIMEOUT=<min>] [CHAR=^<c>] [SHARE=DISABLE|AUTO|QUERY|SERVER] '
    + '[GROUP=] [SOCKET=] [LOG=ON|OFF] [TD=CONSOLE|SPC] [POWER=NONE|CTS|DCD|DSR[,LOW|HIGH]] [TOGGLE=NONE|DTR]',
  help: [
    'Changes port settings, for one port, a range (1-4) or ALL; all ports change or none.',
    'TIMEOUT=0 uses SERVER CLI TIMEOUT. CHAR= with no value follows SERVER CLI CHAR.',
    'SHARE=SERVER follows SERVER SHARE. NAME= and SOCKET= take one port; empty removes them:',
    'the name goes back to the default, xx-xx-xx-Pn (the last 3 octets of the MAC, as SHOW SERVER',
    'shows it, and the port number), which also answers at login (jdoe:3A-0F-C2-P7).',
    'GROUP=g puts the ports in group g (a port is in at most one group, so =g and =+g move',
    'them out of any other), =-g takes them out, GROUP= out of every group. Group names are',
    '1-8 characters; a group is created when first given ports and deleted when left with none.',
    'TD=SPC: a power strip is on the port (drive it with SPC n); such a port takes only NAME= and GROUP=.',
    'POWER=CTS|DCD|DSR[,LOW|HIGH]: the modem line that says the device has power, and the state meaning',
    'on (default HIGH); SHOW PORT n reads it. TOGGLE=DTR drops DTR for 500 ms when the port\'s session',
    'ends (the device hangs up). POWER= and TOGGLE=DTR need modem lines: a pty answers ERR 16 not',
    'supported by this device. The flow control line cannot be the power line (RTSCTS and CTS).',
  ].join('\n'),
  right: 'PCON',
  params: PORT_PARAMS,
  async run(ctx, args) {
    const { settings, groups } = portChanges(args);
    const updated = await ctx.services.ports.update(ctx, wordOf(args, 'n').text, settings, groups);
    if (!updated.ok) return refusalFailure(updated, args, PORT_FIELDS);
    for (const warning of updated.warnings) ctx.print(`Warning: ${warning}`);
  },
};
