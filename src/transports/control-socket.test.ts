/**
 * The control socket answers every request it cannot run with an ERR line from the one
 * catalogue (issue 13, SPEC §9): a line that is not a request, one that is too long, and an exec
 * whose handler fails. A real Unix socket in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, type ExecReply } from './control-protocol.js';
import { startControlSocket } from './control-socket.js';

let dir: string;
let server: Server;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccmd-control-'));
  server = await startControlSocket(join(dir, 'ccmd.sock'), {
    exec: (line) => (line === 'FAIL' ? Promise.reject(new Error('secret internals')) : Promise.resolve({ status: 0, output: `ran ${line}` })),
    console: (terminal) => terminal.close(),
    token: () => ({ status: 0, output: 'token' }),
  }, () => undefined);
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Sends `bytes` and reads the one JSON reply line the daemon ends the connection with. */
function ask(bytes: string | Buffer): Promise<ExecReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(join(dir, 'ccmd.sock'));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExecReply));
    socket.write(bytes);
  });
}

describe('control socket ERR lines', () => {
  it('runs a well-formed exec request', async () => {
    expect(await ask(JSON.stringify({ type: 'exec', line: 'SHOW SERVER' }) + '\n')).toEqual({ status: 0, output: 'ran SHOW SERVER' });
  });

  it.each([
    ['not JSON', 'hello\n'],
    ['JSON of no known type', JSON.stringify({ type: 'reboot' }) + '\n'],
    ['an exec without a line', JSON.stringify({ type: 'exec' }) + '\n'],
  ])('%s: ERR 22 - Bad control request', async (_name, request) => {
    expect(await ask(request)).toEqual({ status: 1, output: 'ERR 22 - Bad control request: expected one JSON request line' });
  });

  it('a request longer than the limit: ERR 22, request too long', async () => {
    expect(await ask(Buffer.alloc(MAX_REQUEST_BYTES + 10, 'x'))).toEqual({ status: 1, output: 'ERR 22 - Bad control request: request too long' });
  });

  it('a failing exec: ERR 21 - Internal error, without the internals', async () => {
    expect(await ask(JSON.stringify({ type: 'exec', line: 'FAIL' }) + '\n')).toEqual({ status: 1, output: 'ERR 21 - Internal error' });
  });
});
