/**
 * The host command line's side of the control socket: find the daemon through --data / CCMD_DATA
 * (default ./data) and send it one request.
 */
import { connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { CONTROL_SOCKET_NAME, type ControlRequest, type ExecReply } from '../transports/control-protocol.js';

/** SPEC §9: exit 2 when the daemon could not be reached. */
export class DaemonUnreachable extends Error {
  constructor(readonly socketPath: string, cause: string) {
    super(`ccmd: cannot reach the daemon at ${socketPath}: ${cause}`);
  }
}

export function socketPathFor(dataDir: string | undefined): string {
  return join(resolve(dataDir ?? process.env.CCMD_DATA ?? './data'), CONTROL_SOCKET_NAME);
}

export function openControl(socketPath: string): Promise<Socket> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(socketPath);
    socket.once('connect', () => resolvePromise(socket));
    socket.once('error', (err) => reject(new DaemonUnreachable(socketPath, (err as NodeJS.ErrnoException).code ?? err.message)));
  });
}

export function execOnDaemon(socketPath: string, line: string, json = false): Promise<ExecReply> {
  return requestOnDaemon(socketPath, { type: 'exec', line, json });
}

/** Sends one request that is answered with one JSON line (`exec`, `token`). */
export async function requestOnDaemon(socketPath: string, request: Exclude<ControlRequest, { type: 'console' }>): Promise<ExecReply> {
  const socket = await openControl(socketPath);
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('error', (err) => reject(new DaemonUnreachable(socketPath, err.message)));
    socket.once('close', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      try {
        resolvePromise(JSON.parse(text) as ExecReply);
      } catch {
        reject(new DaemonUnreachable(socketPath, 'the daemon closed the connection without an answer'));
      }
    });
    socket.write(JSON.stringify(request) + '\n');
  });
}
