/**
 * The parameters of `PORT <n|n-m|ALL> SET` (SPEC §6), derived from the settings table
 * (config/settings.ts): one KEY= per port setting, plus GROUP= (decided: it edits the port
 * groups, see services/port-groups.ts). The typed values become the port service's change.
 */
import { PORT_SETTINGS } from '../../config/settings.js';
import { parseGroupList } from '../../domain/rights.js';
import type { ListChange } from '../../services/types.js';
import type { CommandArgs, ParamSpec } from '../command.js';
import type { CommandContext } from '../context.js';
import type { FieldTokens } from '../refusal.js';
import { fieldOfKey, settingParams } from '../setting-params.js';

/** GROUP= is checked here and passed on as typed. */
const GROUP: ParamSpec = {
  listOps: true,
  check: (value) => {
    const parsed = parseGroupList(value);
    return parsed.ok ? { ok: true, value } : { ok: false, detail: parsed.message };
  },
};

export const PORT_PARAMS: Readonly<Record<string, ParamSpec>> = { ...settingParams(PORT_SETTINGS), GROUP };

/** Which typed token set each field of a port change (for the underline). */
export const PORT_FIELDS: FieldTokens = {
  ...Object.fromEntries(Object.entries(PORT_SETTINGS).map(([field, row]) => [field, row.key ?? field])),
  groups: 'GROUP', ports: 'n', port: 'n',
};

const OPS = { '=': 'set', '=+': 'add', '=-': 'remove' } as const;

/** The typed settings by field, in the order typed, and the GROUP= edit. */
export function portChanges(args: CommandArgs<CommandContext>): { settings: Record<string, unknown>; groups?: ListChange } {
  const settings: Record<string, unknown> = {};
  for (const [key, param] of args.params) {
    const field = fieldOfKey(PORT_SETTINGS, key);
    if (field !== null) settings[field] = param.value;
  }
  const group = args.params.get('GROUP');
  return group === undefined ? { settings } : { settings, groups: { op: OPS[group.op], list: group.value as string } };
}
