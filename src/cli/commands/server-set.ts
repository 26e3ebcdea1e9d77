/**
 * `SERVER SET [DATE=] [TIME=] [IP=] [MASK=] [GATEWAY=]` (issue 12 item 11; SCON): the manual's
 * command for the appliance's own clock and network address. On a Linux host both belong to the
 * host system: ccmd runs without root (deploy/ccmd.service: no capabilities, ProtectClock=yes) and
 * never changes them, so each is refused with ERR 45 saying where to set it instead. Nothing is
 * half-applied: a line naming several is refused as a whole, at the first. SHOW SERVER shows the
 * time (UTC) and the uptime; `--bind` and the listener ports are ccmd's own network settings.
 */
import { cliError } from '../../domain/errors.js';
import { failure, type CommandDeclaration, type ParamSpec } from '../command.js';
import type { CommandContext } from '../context.js';
import { endOfLine } from '../tokenizer.js';

const CLOCK = 'the clock is the host\'s; ccmd runs without root and never sets it (set it on the host: NTP, timedatectl)';
const ADDRESS = 'the network address is the host\'s (configure the host\'s network; ccmd listens on its --bind address)';

const WHY: Readonly<Record<string, string>> = {
  DATE: CLOCK,
  TIME: CLOCK,
  IP: ADDRESS,
  MASK: ADDRESS,
  GATEWAY: 'the routes are the host\'s (configure the host\'s network)',
};

/** Any value: the refusal is about the setting, not what it was set to. */
const anyValue: ParamSpec = { check: (value) => ({ ok: true, value }) };

export const serverSet: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'SET'],
  syntax: 'SERVER SET [DATE=<mm/dd/yyyy>] [TIME=<hh:mm:ss>] [IP=] [MASK=] [GATEWAY=]',
  help: [
    'The appliance\'s clock and network address. Here they belong to the host system: ccmd',
    'runs without root and leaves them alone, so each answers ERR 45 with where to set it.',
    'SHOW SERVER shows the time (UTC) and the uptime.',
  ].join('\n'),
  right: 'SCON',
  params: Object.fromEntries(Object.keys(WHY).map((key) => [key, anyValue])),
  run(_ctx, args) {
    const first = [...args.params.entries()].sort(([, a], [, b]) => a.token.start - b.token.start)[0];
    if (first === undefined) return failure(cliError('missingParameter', 'DATE=, TIME=, IP=, MASK= or GATEWAY='), endOfLine(args.line));
    const [key, param] = first;
    return failure(cliError('hostManaged', `${key}= ${WHY[key]}`), param.token);
  },
};
