/**
 * SPEC §6 `PORT <n|n-m|ALL> SET ...` (PCON). The rows are saved all or none
 * (`store.ports.saveAll`), then applied live: serial settings the device refuses are reported
 * as warning lines (the setting is kept for the next open), and the running parts re-read the
 * port (share mode, name, access character, time-out).
 */
import { failure, type CommandArgs, type CommandDeclaration, type CommandFailure } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { endOfLine } from '../tokenizer.js';
import { portSelection, wordOf } from './admin-words.js';
import { applyPortParams, planPortGroups, PORT_PARAMS, SINGLE_PORT_PARAMS } from './port-settings-edit.js';
import { isFailure } from './session-words.js';

function checkSelection(args: CommandArgs<CommandContext>, ports: readonly number[]): CommandFailure | null {
  if (args.params.size === 0) return failure(cliError('missingParameter', 'a setting such as BAUD='), endOfLine(args.line));
  if (ports.length === 1) return null;
  for (const key of SINGLE_PORT_PARAMS) {
    const param = args.params.get(key);
    if (param !== undefined) return failure(cliError('invalidValue', `${key} applies to one port at a time`), param.token);
  }
  return null;
}

/** A name another port already answers to (a database row or the config file) is refused. */
function nameTaken(ctx: CommandContext, args: CommandArgs<CommandContext>, port: number): CommandFailure | null {
  const param = args.params.get('NAME');
  if (param === undefined || param.value === null) return null;
  const holder = ctx.app.resolvePort(param.value as string);
  if (holder === null || holder === port) return null;
  return failure(cliError('invalidValue', `Port name '${String(param.value)}' is already in use by port ${holder}`), param.token);
}

/** Saves the groups GROUP= changes; a no-op without GROUP=. */
function saveGroups(ctx: CommandContext, args: CommandArgs<CommandContext>, ports: readonly number[]): string | null {
  const param = args.params.get('GROUP');
  if (param === undefined) return null;
  const groups = ctx.app.store.groups;
  const plan = planPortGroups(groups.list(), ports, param);
  for (const group of plan.save) groups.save(group);
  for (const name of plan.remove) groups.delete(name);
  return `groups ${param.op}${(param.value as string[]).join(',')}`;
}

export const portSet: CommandDeclaration<CommandContext> = {
  path: ['PORT', '<n>', 'SET'],
  syntax: 'PORT <n|n-m|ALL> SET [NAME=] [BAUD=] [SIZE=7|8] [PARITY=NONE|EVEN|ODD] [STOP=1|2] '
    + '[FLOW=NONE|XONXOF|RTSCTS] [TIMEOUT=<min>] [CHAR=^<c>] [SHARE=DISABLE|AUTO|QUERY|SERVER] '
    + '[GROUP=] [SOCKET=] [LOG=ON|OFF]',
  help: [
    'Changes port settings, for one port, a range (1-4) or ALL; all ports change or none.',
    'TIMEOUT=0 uses SERVER CLI TIMEOUT. CHAR= with no value follows SERVER CLI CHAR.',
    'SHARE=SERVER follows SERVER SHARE. NAME= and SOCKET= take one port; empty removes them.',
    'GROUP=g makes g the only group of the ports, =+g adds them to g, =-g takes them out;',
    'a group is created when first given ports and deleted when left with none.',
  ].join('\n'),
  right: 'PCON',
  params: PORT_PARAMS,
  async run(ctx, args) {
    const ports = portSelection(ctx, wordOf(args, 'n'));
    if (isFailure(ports)) return ports;
    const refused = checkSelection(args, ports);
    if (refused) return refused;
    const taken = nameTaken(ctx, args, ports[0]!);
    if (taken) return taken;
    const settings = ports.map((n) => applyPortParams(ctx.app.portSettings(n), args.params));
    const saved = ctx.app.store.ports.saveAll(settings);
    if (!saved.ok) return failure(cliError('invalidValue', saved.message), args.params.get('NAME')?.token ?? wordOf(args, 'n').token);
    const groups = saveGroups(ctx, args, ports);
    for (const s of settings) {
      const applied = await ctx.app.port(s.port).applySerial(s);
      for (const reason of applied.refused) ctx.print(`Warning: port ${s.port}: ${reason}`);
      ctx.app.portSettingsChanged(s.port);
    }
    const changed = [...args.params.keys()].filter((k) => k !== 'GROUP').map((k) => `${k}=${String(args.params.get(k)?.value ?? '')}`);
    ctx.app.audit(ctx, 'PORT SET', [`ports ${wordOf(args, 'n').text}`, ...changed, ...(groups ? [groups] : [])].join(' '));
  },
};
