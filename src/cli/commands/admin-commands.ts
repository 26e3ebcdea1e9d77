/**
 * The administration commands (SPEC §6), for the lead to add to the registry beside the
 * session commands and HELP. Order is the order HELP lists them in.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { portBreak } from './port-break.js';
import { portHistory } from './port-history.js';
import { portLogout } from './port-logout.js';
import { portSet } from './port-set.js';
import { serverCli } from './server-cli.js';
import { serverSecurity } from './server-security.js';
import { serverShare } from './server-share.js';
import { serverSsh } from './server-ssh.js';
import { serverRadius } from './server-radius.js';
import { serverLdap } from './server-ldap.js';
import { serverLdapGroup } from './server-ldap-group.js';
import { serverTacacs } from './server-tacacs.js';
import { showPort } from './show-port.js';
import { showServer } from './show-server.js';
import { showUser } from './show-user.js';
import { userAdd } from './user-add.js';
import { userDelete } from './user-delete.js';
import { userLogout } from './user-logout.js';
import { userSet } from './user-set.js';
import { userUnlock } from './user-unlock.js';

export const adminCommands: CommandDeclaration<CommandContext>[] = [
  portSet, portBreak, portHistory, portLogout,
  serverShare, serverCli, serverSecurity, serverSsh, serverRadius, serverLdap, serverLdapGroup, serverTacacs,
  showPort, showServer, showUser,
  userAdd, userSet, userDelete, userLogout, userUnlock,
];
