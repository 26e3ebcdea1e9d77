/**
 * The parameters of `USER ADD` and `USER SET` (SPEC §3, §6): PASSWORD=, KEY=, ACCESS=, GROUP=,
 * turned into the store's `UserEdit`, and the store's refusals turned into CLI errors that
 * underline what the user typed. Passwords are never echoed, logged or audited.
 */
import {
  applyAccessEdit, applyGroupEdit, DEFAULT_ACCESS, formatAccessList, parseAccessEdit, parseGroupList,
  RIGHTS, type AccessList, type EditOp, type Right,
} from '../../domain/rights.js';
import type { UserError } from '../../domain/users.js';
import { parsePublicKeyLine, sameKey } from '../../store/ssh-keys.js';
import type { StoredUser, UserEdit } from '../../store/user-repository.js';
import { failure, type CommandArgs, type CommandFailure, type ParamSpec, type ParamValue } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import type { ParamOp } from '../tokenizer.js';
import { wordOf } from './admin-words.js';

/** Values are taken as typed; the real checks need the profile and the record, so they run in `run`. */
const asTyped = { check: (value: string) => ({ ok: true as const, value }) };

/**
 * PASSWORD= takes the value whole (`PASSWORD=-x` is the password `-x`); `PASSWORD=` removes it.
 * KEY=, ACCESS= and GROUP= take `=list`, `=+list`, `=-list` (SPEC §3).
 */
export const USER_PARAMS: Readonly<Record<string, ParamSpec>> = {
  PASSWORD: asTyped,
  KEY: { ...asTyped, listOps: true },
  ACCESS: { ...asTyped, listOps: true },
  GROUP: { ...asTyped, listOps: true },
};

export interface PlannedEdit {
  readonly edit: UserEdit;
  /** For the audit: what changed, never the password itself. */
  readonly summary: string;
}

const EDIT_OP: Record<ParamOp, EditOp> = { '=': 'set', '=+': 'add', '=-': 'remove' };

function invalid(param: ParamValue, detail: string): CommandFailure {
  return failure(cliError('invalidValue', detail), param.token);
}

function nothingToEdit(param: ParamValue, key: string): CommandFailure | null {
  return param.op !== '=' && param.value === '' ? invalid(param, `${key} ${param.op} needs a list`) : null;
}

/** ACCESS=: parsed against the profile's ports; rights the caller lacks may not be granted. */
function accessEdit(ctx: CommandContext, param: ParamValue, current: AccessList): AccessList | CommandFailure {
  const empty = nothingToEdit(param, 'ACCESS');
  if (empty) return empty;
  const ports = ctx.app.profile.ports;
  const parsed = parseAccessEdit(EDIT_OP[param.op], param.value as string, ports);
  if (!parsed.ok) return invalid(param, parsed.message);
  const next = applyAccessEdit(current, parsed.value, ports);
  // Decided: no escalation. A right (or PALL) the target did not hold may be granted only by a
  // caller who holds it, so an ADMIN cannot make anyone (itself included) an APPLIANCEADMIN.
  // The console (SPEC §9, the serial console) holds every right and may grant anything (issue 12).
  const granted: string[] = RIGHTS.filter((r: Right) => next.rights.includes(r) && !current.rights.includes(r) && !ctx.hasRight(r));
  if (next.allPorts && !current.allPorts && !callerHoldsAllPorts(ctx)) granted.unshift('PALL');
  if (granted.length > 0) {
    return failure(cliError('insufficientPrivileges', `cannot grant ${granted.join(',')}`), param.token);
  }
  return next;
}

/** PALL may be granted by the console (every right, not a database user) and by PALL holders. */
function callerHoldsAllPorts(ctx: CommandContext): boolean {
  if (ctx.client.method === 'console') return true;
  return ctx.app.store.users.get(ctx.user)?.access.allPorts ?? false;
}

/** GROUP=: names must be groups that exist, except when removing (stale names may be dropped). */
function groupEdit(ctx: CommandContext, param: ParamValue, current: readonly string[]): readonly string[] | CommandFailure {
  const empty = nothingToEdit(param, 'GROUP');
  if (empty) return empty;
  const parsed = parseGroupList(param.value as string);
  if (!parsed.ok) return invalid(param, parsed.message);
  if (param.op !== '=-') {
    const known = new Set(ctx.app.store.groups.list().map((g) => g.name));
    const unknown = parsed.value.find((g) => !known.has(g));
    if (unknown !== undefined) return invalid(param, `no port group '${unknown}' (PORT n SET GROUP= makes one)`);
  }
  return applyGroupEdit(current, { op: EDIT_OP[param.op], list: parsed.value });
}

/** KEY=line replaces the keys, KEY=+line adds one, KEY=-line removes one, KEY= removes all. */
function keyEdit(param: ParamValue, current: StoredUser | null): string[] | CommandFailure {
  const line = param.value as string;
  const lines = current?.keys.map((k) => k.line) ?? [];
  if (param.op === '=') return line === '' ? [] : [line];
  const empty = nothingToEdit(param, 'KEY');
  if (empty) return empty;
  if (param.op === '=+') return [...lines, line];
  const parsed = parsePublicKeyLine(line);
  if (!parsed.ok) return invalid(param, parsed.message);
  const kept = (current?.keys ?? []).filter((k) => !sameKey(k, parsed.key));
  if (kept.length === lines.length) return invalid(param, 'the user has no such key');
  return kept.map((k) => k.line);
}

/** Builds the edit for `current` (null: a new user, whose base access is SPEC §3's PALL,SMON). */
export function planUserEdit(ctx: CommandContext, args: CommandArgs<CommandContext>, current: StoredUser | null): PlannedEdit | CommandFailure {
  const edit: { -readonly [K in keyof UserEdit]: UserEdit[K] } = {};
  const summary: string[] = [];
  const password = args.params.get('PASSWORD');
  if (password !== undefined) {
    edit.password = password.value === '' ? null : (password.value as string);
    summary.push(password.value === '' ? 'password removed' : 'password set');
  }
  const key = args.params.get('KEY');
  if (key !== undefined) {
    const keys = keyEdit(key, current);
    if (!Array.isArray(keys)) return keys;
    edit.keys = keys;
    summary.push(`keys=${keys.length}`);
  }
  const access = args.params.get('ACCESS');
  if (access !== undefined) {
    const next = accessEdit(ctx, access, current?.access ?? DEFAULT_ACCESS);
    if (!('allPorts' in next)) return next;
    edit.access = next;
    summary.push(`access=${formatAccessList(next)}`);
  }
  const group = args.params.get('GROUP');
  if (group !== undefined) {
    const next = groupEdit(ctx, group, current?.groups ?? []);
    if (!Array.isArray(next)) return next as CommandFailure;
    edit.groups = next;
    summary.push(`groups=${next.join(',')}`);
  }
  return { edit, summary: summary.join(' ') };
}

/**
 * The store's refusal as a CLI error (SPEC §9): underline the typed token the rule is about.
 * The message never holds a password (domain/users.ts words them without the value).
 */
export function userWriteFailure(error: UserError, args: CommandArgs<CommandContext>): CommandFailure {
  const name = wordOf(args, 'name').token;
  const param = (key: string) => args.params.get(key)?.token;
  if (error.code === 'no-such-user') return failure(cliError('noSuchUser', wordOf(args, 'name').text), name);
  const at = {
    'password-length': param('PASSWORD'),
    'bad-key': param('KEY'),
    'too-many-groups': param('GROUP'),
    'no-user-admin': param('ACCESS'),
    'no-credential': param('PASSWORD') ?? param('KEY'),
  }[error.code as string];
  return failure(cliError('userChangeRefused', error.message), at ?? name);
}
