/**
 * Issue 15 `SERVER LDAP GROUP DN=<group dn> ACCESS=<access>|NONE` (SCON): members of the group
 * get those rights at login (several groups add up); NONE removes the mapping. DNs compare
 * ignoring case and spaces around separators.
 */
import { failure, type CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { text } from '../param-checks.js';
import { endOfLine } from '../tokenizer.js';
import { accessTextCheck, param, saveAuth } from './server-auth-words.js';

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
    const dn = param<string>(args, 'DN');
    const access = param<string | null>(args, 'ACCESS');
    if (dn === undefined || access === undefined) return failure(cliError('missingParameter', 'DN= and ACCESS='), endOfLine(args.line));
    return saveAuth(ctx, args, { ldap: { group: { dn, access } } }, { 'ldap.group.access': 'ACCESS' }, 'DN= and ACCESS=');
  },
};
