/** Saving server settings for the SERVER commands: store, audit, tell the running parts. */
import type { ServerSettings } from '../../store/server-settings-repository.js';
import { failure, type CommandArgs, type CommandResult } from '../command.js';
import type { CommandContext } from '../context.js';
import { cliError } from '../errors.js';
import { endOfLine } from '../tokenizer.js';
import { firstWord } from './admin-words.js';

/**
 * Stores `patch` (all or nothing), then `serverSettingsChanged()` and the audit. An empty patch
 * is a missing parameter (decided: SERVER commands never change nothing silently).
 */
export function saveServerSettings(
  ctx: CommandContext, args: CommandArgs<CommandContext>, action: string, patch: Partial<ServerSettings>, expected: string,
): CommandResult {
  const keys = Object.keys(patch) as (keyof ServerSettings)[];
  if (keys.length === 0) return failure(cliError('missingParameter', expected), endOfLine(args.line));
  const written = ctx.app.store.server.set(patch);
  if (!written.ok) return failure(cliError('invalidValue', `${written.key} ${written.message}`), firstWord(args));
  ctx.app.serverSettingsChanged();
  ctx.app.audit(ctx, action, keys.map((k) => `${k}=${String(patch[k])}`).join(' '));
}
