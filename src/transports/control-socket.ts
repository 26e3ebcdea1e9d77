/**
 * The control socket `<data dir>/ccmd.sock` (SPEC §2, §8): mode 0600, so only the daemon's owner
 * can use it; it acts as the appliance's serial console port and is never locked out (SPEC §9).
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { cliError, errorLine } from '../domain/errors.js';
import { MAX_REQUEST_BYTES, type ControlRequest, type ExecReply, type TokenRequest } from './control-protocol.js';
import { SocketTerminal } from './socket-terminal.js';
import type { Terminal } from './terminal.js';

export interface ControlHandlers {
  exec(line: string, json: boolean): Promise<ExecReply>;
  console(terminal: Terminal): void;
  token(request: TokenRequest): ExecReply;
}

function optionalString(v: unknown): v is string | undefined {
  return v === undefined || typeof v === 'string';
}

function parseTokenRequest(r: Record<string, unknown>): TokenRequest | null {
  if (r.action === 'create' && typeof r.user === 'string' && optionalString(r.label) && (r.ttlSeconds === undefined || typeof r.ttlSeconds === 'number')) {
    return { action: 'create', user: r.user, ttlSeconds: r.ttlSeconds as number | undefined, label: r.label };
  }
  if (r.action === 'list' && optionalString(r.user)) return { action: 'list', user: r.user };
  if (r.action === 'revoke' && typeof r.id === 'string') return { action: 'revoke', id: r.id };
  return null;
}

function parseRequest(text: string): ControlRequest | null {
  try {
    const value = JSON.parse(text) as Partial<ControlRequest> & { line?: unknown; json?: unknown };
    if (value.type === 'console') return { type: 'console' };
    if (value.type === 'exec' && typeof value.line === 'string') return { type: 'exec', line: value.line, json: value.json === true };
    const token = value as { type?: unknown; request?: unknown };
    if (token.type === 'token' && typeof token.request === 'object' && token.request !== null) {
      const request = parseTokenRequest(token.request as Record<string, unknown>);
      if (request !== null) return { type: 'token', request };
    }
  } catch {
    // fall through: answered as a bad request
  }
  return null;
}

export function startControlSocket(path: string, handlers: ControlHandlers, onError: (err: Error) => void): Promise<Server> {
  // A stale socket from a killed daemon would make listen fail with EADDRINUSE.
  if (existsSync(path)) unlinkSync(path);
  const server = createServer((socket) => serve(socket, handlers));
  server.on('error', onError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const oldMask = process.umask(0o177);
    server.listen(path, () => {
      process.umask(oldMask);
      chmodSync(path, 0o600);
      server.off('error', reject);
      resolve(server);
    });
  });
}

function serve(socket: Socket, handlers: ControlHandlers): void {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  const onData = (chunk: Buffer): void => {
    buffered = Buffer.concat([buffered, chunk]);
    const newline = buffered.indexOf(0x0a);
    if (newline < 0) {
      if (buffered.length > MAX_REQUEST_BYTES) reply(socket, refused('badControlRequest', 'request too long'));
      return;
    }
    socket.off('data', onData);
    const request = parseRequest(buffered.subarray(0, newline).toString('utf8'));
    const rest = buffered.subarray(newline + 1);
    if (request === null) {
      reply(socket, refused('badControlRequest', 'expected one JSON request line'));
    } else if (request.type === 'token') {
      reply(socket, handlers.token(request.request));
    } else if (request.type === 'exec') {
      handlers.exec(request.line, request.json === true)
        .then((r) => reply(socket, r))
        .catch(() => reply(socket, refused('internalError')));
    } else {
      handlers.console(new SocketTerminal(socket, {
        method: 'console', address: '', remotePort: 0, host: 'localhost', listener: 'console',
      }, rest));
    }
  };
  socket.on('data', onData);
}

/** Every ERR line comes from the one catalogue (SPEC §9; domain/errors.ts). */
function refused(name: 'badControlRequest' | 'internalError', detail?: string): ExecReply {
  return { status: 1, output: errorLine(cliError(name, detail)) };
}

function reply(socket: Socket, r: ExecReply): void {
  socket.end(JSON.stringify(r) + '\n');
}
