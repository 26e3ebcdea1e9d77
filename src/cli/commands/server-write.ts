/**
 * The SERVER commands' shared part: their KEY= parameters, derived from the settings table
 * (config/settings.ts), and saving through the server settings service (which checks SCON,
 * stores all or nothing, tells the running parts and audits).
 */
import { SERVER_SETTINGS, type SettingRow } from '../../config/settings.js';
import { cliError } from '../../domain/errors.js';
import { failure, type CommandArgs, type CommandResult, type ParamSpec } from '../command.js';
import type { CommandContext } from '../context.js';
import { refusalFailure } from '../refusal.js';
import { fieldOfKey, settingParams } from '../setting-params.js';
import { endOfLine } from '../tokenizer.js';

/** The rows one SERVER command sets (`CLI` → cliChar, cliTimeoutMinutes, cliHistory). */
function rowsOf(command: string): Record<string, SettingRow> {
  return Object.fromEntries(Object.entries(SERVER_SETTINGS).filter(([, row]) => row.command === command));
}

/** The KEY= parameters of `SERVER <command>`. */
export function serverParams(command: string): Record<string, ParamSpec> {
  return settingParams(rowsOf(command));
}

/** The typed KEY= values by field, plus what the command's own keyword set (`word`). */
export function serverPatch(command: string, args: CommandArgs<CommandContext>, word: Record<string, unknown> = {}): Record<string, unknown> {
  const rows = rowsOf(command);
  const patch: Record<string, unknown> = { ...word };
  for (const [key, param] of args.params) {
    const field = fieldOfKey(rows, key);
    if (field !== null) patch[field] = param.value;
  }
  return patch;
}

/**
 * Stores `patch`. An empty one is a missing parameter (decided: SERVER commands never change
 * nothing silently); `expected` says what the command takes.
 */
export function saveServerSettings(
  ctx: CommandContext, args: CommandArgs<CommandContext>, command: string, patch: Record<string, unknown>, expected: string,
): CommandResult {
  if (Object.keys(patch).length === 0) return failure(cliError('missingParameter', expected), endOfLine(args.line));
  const saved = ctx.services.server.update(ctx, patch);
  if (!saved.ok) {
    const keys = Object.fromEntries(Object.entries(rowsOf(command)).map(([field, row]) => [field, row.key ?? '']));
    return refusalFailure(saved, args, keys);
  }
}
