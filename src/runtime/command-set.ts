/** Every appliance command beyond the session ones, as the registry receives them. */
import type { CommandDeclaration } from '../cli/command.js';
import { adminCommands } from '../cli/commands/admin-commands.js';
import { sessionCommands } from '../cli/commands/session-commands.js';
import type { CommandContext } from '../cli/context.js';

export const allCommands: readonly CommandDeclaration<CommandContext>[] = [...adminCommands, ...sessionCommands];
