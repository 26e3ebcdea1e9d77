/** Every appliance command beyond the session ones, as the registry receives them. */
import type { CommandDeclaration } from '../cli/command.js';
import type { CommandContext } from '../cli/context.js';

export const allCommands: readonly CommandDeclaration<CommandContext>[] = [];
