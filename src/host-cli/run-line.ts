/**
 * Runs one CLI line on the daemon and turns the reply into output and an exit status (SPEC §9:
 * 0 success, 1 ERR, 2 unreachable).
 */
import type { ControlRequest } from '../transports/control-protocol.js';
import { DaemonUnreachable, requestOnDaemon, socketPathFor } from './control-client.js';

export interface CommonOptions {
  readonly data?: string;
  readonly json?: boolean;
}

export function runLine(line: string, options: CommonOptions): Promise<void> {
  return runRequest({ type: 'exec', line, json: options.json === true }, options);
}

/** Sends one request and prints its answer (`data` as JSON with --json), setting the exit status. */
export async function runRequest(request: Exclude<ControlRequest, { type: 'console' }>, options: CommonOptions): Promise<void> {
  try {
    const reply = await requestOnDaemon(socketPathFor(options.data), request);
    if (options.json === true) {
      process.stdout.write(JSON.stringify(reply.data ?? { output: reply.output, status: reply.status }, null, 2) + '\n');
    } else if (reply.output.length > 0) {
      process.stdout.write(reply.output.endsWith('\n') ? reply.output : reply.output + '\n');
    }
    process.exitCode = reply.status;
  } catch (err) {
    if (err instanceof DaemonUnreachable) {
      process.stderr.write(err.message + '\n');
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

/** Quotes a value for the CLI tokenizer when it holds spaces or quotes. */
export function cliValue(value: string | number): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
