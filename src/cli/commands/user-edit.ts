/**
 * The parameters of `USER ADD` and `USER SET` (SPEC §3, §6): PASSWORD=, KEY=, ACCESS=, GROUP=,
 * turned into the user service's `UserChanges` (src/services/users.ts checks and applies them),
 * and its refusals pointed at what the user typed.
 */
import type { UserChanges } from '../../services/users.js';
import type { CommandArgs, ParamSpec } from '../command.js';
import type { CommandContext } from '../context.js';
import type { FieldTokens } from '../refusal.js';
import type { ParamOp } from '../tokenizer.js';

/** Values are taken as typed; the real checks need the profile and the record (the service). */
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

/** Which typed token set each field of a user change (for the underline). */
export const USER_FIELDS: FieldTokens = { name: 'name', password: 'PASSWORD', keys: 'KEY', access: 'ACCESS', groups: 'GROUP' };

const OPS: Record<ParamOp, 'set' | 'add' | 'remove'> = { '=': 'set', '=+': 'add', '=-': 'remove' };

/** The typed parameters as a change, in the order the service applies them. */
export function userChanges(args: CommandArgs<CommandContext>): UserChanges {
  const list = (key: string) => {
    const p = args.params.get(key);
    return p === undefined ? undefined : { op: OPS[p.op], list: p.value as string };
  };
  const password = args.params.get('PASSWORD');
  return {
    ...(password === undefined ? {} : { password: password.value === '' ? null : (password.value as string) }),
    ...(args.params.has('KEY') ? { keys: list('KEY') } : {}),
    ...(args.params.has('ACCESS') ? { access: list('ACCESS') } : {}),
    ...(args.params.has('GROUP') ? { groups: list('GROUP') } : {}),
  };
}
