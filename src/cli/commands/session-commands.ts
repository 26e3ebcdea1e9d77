/** The session management commands of SPEC §5/§6, for the appliance's registry. */
import type { CommandDeclaration } from '../command.js';
import type { CommandContext } from '../context.js';
import { sessionEnd } from './session-end.js';
import { sessionSetAccess } from './session-set-access.js';
import { showSession } from './show-session.js';
import { showSessions } from './show-sessions.js';

export const sessionCommands: CommandDeclaration<CommandContext>[] = [showSessions, showSession, sessionEnd, sessionSetAccess];
