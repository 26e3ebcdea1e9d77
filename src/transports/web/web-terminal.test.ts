import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { CLOSE_LOGIN_ENDED } from '../../web/terminal-protocol.js';
import type { ClientInfo } from '../terminal.js';
import { WebTerminal } from './web-terminal.js';

const CLIENT: ClientInfo = { method: 'web', address: '127.0.0.1', remotePort: 1, host: '127.0.0.1', listener: 'web-port-1' };

interface Pair {
  terminal: WebTerminal;
  browser: WebSocket;
  /** Every frame the browser got: binary as Buffer, text as string. */
  frames: (Buffer | string)[];
  closeCode: () => number | null;
}

const open: { server: WebSocketServer; browser: WebSocket }[] = [];

async function pair(): Promise<Pair> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const made = new Promise<WebTerminal>((r) => server.once('connection', (ws) => r(new WebTerminal(CLIENT, ws, null))));
  const browser = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  open.push({ server, browser });
  const frames: (Buffer | string)[] = [];
  let code: number | null = null;
  browser.on('message', (data: Buffer, isBinary) => frames.push(isBinary ? Buffer.from(data) : data.toString()));
  browser.on('close', (c) => { code = c; });
  await new Promise<void>((r) => browser.once('open', () => r()));
  return { terminal: await made, browser, frames, closeCode: () => code };
}

afterEach(async () => {
  for (const { server, browser } of open.splice(0)) {
    browser.terminate();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('WebTerminal', () => {
  it('passes every byte 0x00-0xFF both ways in binary frames', async () => {
    const { terminal, browser, frames } = await pair();
    const typed: Buffer[] = [];
    terminal.on('data', (chunk) => typed.push(chunk));
    browser.send(ALL_BYTES, { binary: true });
    await vi.waitFor(() => expect(Buffer.concat(typed)).toEqual(ALL_BYTES));
    expect(terminal.write(ALL_BYTES)).toBe(true);
    await vi.waitFor(() => expect(frames).toEqual([ALL_BYTES]));
  });

  it('turns resize and break control messages into terminal events, ignoring malformed ones', async () => {
    const { terminal, browser } = await pair();
    const events: string[] = [];
    terminal.on('resize', (cols, rows) => events.push(`resize ${cols}x${rows}`));
    terminal.on('break', () => events.push('break'));
    browser.send('not json');
    browser.send(JSON.stringify({ type: 'resize', cols: -1, rows: 24 }));
    browser.send(JSON.stringify({ type: 'resize', cols: 132, rows: 43 }));
    browser.send(JSON.stringify({ type: 'break' }));
    await vi.waitFor(() => expect(events).toEqual(['resize 132x43', 'break']));
    expect(terminal.windowSize).toEqual({ columns: 132, rows: 43 });
  });

  it('tells the page its CPAM status from the notices, and Connection Disconnected when a complete login ends', async () => {
    const { terminal, frames, closeCode } = await pair();
    terminal.onNotice({ kind: 'joined', port: 1, user: 'bob' });
    terminal.onNotice({ kind: 'connected', port: 1, exclusive: false, sharedWith: 0 });
    terminal.close();
    await vi.waitFor(() => expect(closeCode()).toBe(CLOSE_LOGIN_ENDED));
    expect(frames.map((f) => (typeof f === 'string' ? JSON.parse(f).status : 'bytes'))).toEqual([
      'Connection Complete', 'Connection Disconnected',
    ]);
    expect(terminal.closed).toBe(true);
  });

  it('keeps a refusal as the final status (Insufficient Privileges is not overwritten by the close)', async () => {
    const { terminal, frames, closeCode } = await pair();
    terminal.onNotice({ kind: 'insufficientPrivileges', port: 3 });
    terminal.close();
    await vi.waitFor(() => expect(closeCode()).toBe(CLOSE_LOGIN_ENDED));
    expect(frames).toEqual([JSON.stringify({ type: 'status', status: 'Insufficient Privileges', text: 'insufficientPrivileges' })]);
    expect(terminal.connectionStatus).toBe('Insufficient Privileges');
  });

  it('emits close once when the browser goes away, and drops writes after it', async () => {
    const { terminal, browser } = await pair();
    const closed = vi.fn();
    terminal.on('close', closed);
    browser.terminate();
    await vi.waitFor(() => expect(closed).toHaveBeenCalledTimes(1));
    expect(terminal.write('late')).toBe(false);
  });

  it('reports back-pressure while the browser does not read, then one drain once it does', async () => {
    const { terminal, browser } = await pair();
    const drained = vi.fn();
    terminal.on('drain', drained);
    browser.pause();
    const chunk = Buffer.alloc(32 * 1024, 0x41);
    let accepted = true;
    for (let i = 0; i < 200 && accepted; i++) accepted = terminal.write(chunk);
    expect(accepted).toBe(false);
    expect(terminal.pendingBytes).toBeGreaterThan(64 * 1024);
    expect(drained).not.toHaveBeenCalled();
    browser.resume();
    await vi.waitFor(() => expect(drained).toHaveBeenCalledTimes(1), { timeout: 5000 });
  });
});
