/**
 * SPEC §9 error output for the CLI. The catalogue itself lives in `domain/errors.ts` so that the
 * services, the control socket and the web API share it; it is re-exported here for the commands.
 */
import { errorLine, type CliError } from '../domain/errors.js';
import type { Span } from './tokenizer.js';

export { CLI_ERRORS, cliError, errorLine, type CliError, type CliErrorName } from '../domain/errors.js';

/**
 * SPEC §9 error output, as lines without terminators: the command line as typed, spaces then
 * dashes under the offending token, then the ERR line. With no span the underline is left out.
 */
export function formatCliError(line: string, at: Span | null, error: CliError): string[] {
  if (at === null) return [line, errorLine(error)];
  const width = Math.max(1, at.end - at.start);
  return [line, ' '.repeat(Math.max(0, at.start)) + '-'.repeat(width), errorLine(error)];
}
