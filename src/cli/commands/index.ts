/**
 * Every appliance command, in the one place the CLI's list is assembled (issue 13). The
 * registry derives parsing, abbreviation, rights checks and HELP from these declarations; the
 * order here is the order HELP lists them in. A new command is one file in this folder and one
 * line here.
 */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { connect } from './connect.js';
import { disconnect } from './disconnect.js';
import { help } from './help.js';
import { listen } from './listen.js';
import { portBreak } from './port-break.js';
import { portHistory } from './port-history.js';
import { portLogout } from './port-logout.js';
import { portSet } from './port-set.js';
import { quit } from './quit.js';
import { resume } from './resume.js';
import { serverCli } from './server-cli.js';
import { serverSecurity } from './server-security.js';
import { serverShare } from './server-share.js';
import { serverLdap } from './server-ldap.js';
import { serverLdapGroup } from './server-ldap-group.js';
import { serverRadius } from './server-radius.js';
import { serverSsh } from './server-ssh.js';
import { serverFlash } from './server-flash.js';
import { serverNfs } from './server-nfs.js';
import { serverReboot } from './server-reboot.js';
import { serverSet } from './server-set.js';
import { serverTacacs } from './server-tacacs.js';
import { sessionEnd } from './session-end.js';
import { sessionSetAccess } from './session-set-access.js';
import { showPort } from './show-port.js';
import { showServer } from './show-server.js';
import { showSession } from './show-session.js';
import { showSessions } from './show-sessions.js';
import { showUser } from './show-user.js';
import { spcStatus } from './spc-status.js';
import { spcSwitch } from './spc-switch.js';
import { userAdd } from './user-add.js';
import { userDelete } from './user-delete.js';
import { userLogout } from './user-logout.js';
import { userSet } from './user-set.js';
import { userUnlock } from './user-unlock.js';

type Command = CommandDeclaration<CommandContext>;

/** SPEC §6: reaching and leaving ports, logging out, help. */
export const SESSION_COMMANDS: readonly Command[] = [connect, disconnect, resume, listen, quit, help as Command];

/** SPEC §6 administration: ports, server settings, SHOW, users. */
export const ADMIN_COMMANDS: readonly Command[] = [
  portSet, portBreak, portHistory, portLogout, spcStatus, spcSwitch,
  serverShare, serverCli, serverSecurity, serverSsh, serverRadius, serverLdap, serverLdapGroup, serverTacacs,
  serverSet, serverReboot, serverFlash, serverNfs,
  showPort, showServer, showUser,
  userAdd, userSet, userDelete, userLogout, userUnlock,
];

/** SPEC §5/§6 session management: SHOW SESSIONS, SHOW SESSION, SESSION <id> END|SET. */
export const SESSION_MANAGEMENT_COMMANDS: readonly Command[] = [showSessions, showSession, sessionEnd, sessionSetAccess];

/** The appliance CLI: what every login and `ccmd exec` line is parsed against. */
export const APPLIANCE_COMMANDS: readonly Command[] = [...SESSION_COMMANDS, ...ADMIN_COMMANDS, ...SESSION_MANAGEMENT_COMMANDS];
