/**
 * Issue 15 `SERVER LDAP GROUP DN=<group dn> ACCESS=<access>|NONE` (SCON): members of the group
 * get those rights at login (several groups add up); NONE removes the mapping.
 */
import { normaliseDn } from '../../auth/ldap/ldap-dn.js';
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { text } from '../param-checks.js';
import { endOfLine } from '../tokenizer.js';
import { accessParam, accessTextCheck, auditDetail, isFailure, saveAuthSettings } from './server-auth-words.js';

export const serverLdapGroup: CommandDeclaration<CommandContext> = {
  path: ['SERVER', 'LDAP', 'GROUP'],
  syntax: 'SERVER LDAP GROUP DN=<group dn> ACCESS=<access>|NONE',
  help: [
    'Gives the members of an LDAP group rights: ACCESS= is APPLIANCEADMIN, ADMIN or an access',
    'list (P1-4,SMON). A user in several mapped groups gets them all. ACCESS=NONE removes it.',
    'Example: SERVER LDAP GROUP DN=cn=ops,ou=groups,dc=example,dc=org ACCESS=P1-8,SMON,BREAK',
  ].join('\n'),
  right: 'SCON',
  params: { DN: { check: text(1, 512) }, ACCESS: { check: accessTextCheck } },
  run(ctx, args) {
    const dn = args.params.get('DN');
    const accessValue = args.params.get('ACCESS');
    if (dn === undefined || accessValue === undefined) {
      return failure(cliError('missingParameter', 'DN= and ACCESS='), endOfLine(args.line));
    }
    const access = accessParam(ctx, accessValue);
    if (isFailure(access)) return access;
    const current = ctx.app.store.auth.get().ldap;
    const key = normaliseDn(String(dn.value));
    const others = current.groups.filter((g) => normaliseDn(g.dn) !== key);
    const groups = access === null || access === undefined ? others : [...others, { dn: String(dn.value), access }];
    return saveAuthSettings(ctx, args, 'SERVER LDAP GROUP', { ldap: { ...current, groups } }, auditDetail(args, []), 'DN= and ACCESS=');
  },
};
