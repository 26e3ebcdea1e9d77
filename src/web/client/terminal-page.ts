/**
 * Connect (issue 11): xterm.js over the console's WebSocket. Binary frames are terminal bytes both
 * ways; text frames are control messages (web/terminal-protocol.ts): the CPAM status comes in,
 * resize and break go out. After a network drop the page reconnects with backoff (0.5 s doubling
 * to 10 s); a login that ended on purpose (close code 4000) is not reconnected: "Connect again"
 * starts a new one.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { CLOSE_LOGIN_ENDED, CLOSE_REFUSED, type ClientMessage, type ConnectionStatus, type ServerMessage } from '../terminal-protocol.js';
import { mirrorInlineStyles } from './style-mirror.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

type BytesListener = (bytes: Uint8Array) => void;

/** What the page offers to scripts (and to the browser tests that measure it). */
export interface TerminalHandle {
  readonly term: Terminal;
  /** Sends raw bytes to the port, as typed keys would be. */
  sendBytes(bytes: Uint8Array): void;
  /** Hears every chunk of terminal bytes as it arrives, before xterm parses it. */
  onBytes(listener: BytesListener): () => void;
  readonly status: ConnectionStatus;
  /** WebSocket (re)connections made so far. */
  readonly connections: number;
}

declare global {
  interface Window { ccmdTerminal?: TerminalHandle }
}

function start(): void {
  const container = document.getElementById('terminal');
  const statusText = document.getElementById('conn-status');
  const reconnectButton = document.getElementById('reconnect') as HTMLButtonElement | null;
  const breakButton = document.getElementById('send-break') as HTMLButtonElement | null;
  if (container === null || statusText === null) return;
  mirrorInlineStyles(container);
  const term = new Terminal({ convertEol: false, cursorBlink: true, scrollback: 5000, fontSize: 14 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(container);
  fit.fit();
  term.focus();

  const encoder = new TextEncoder();
  const listeners = new Set<BytesListener>();
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'Connecting';
  let retryMs = FIRST_RETRY_MS;
  let connections = 0;
  let retryTimer: number | undefined;

  const setStatus = (next: ConnectionStatus, extra = ''): void => {
    status = next;
    statusText.textContent = extra === '' ? next : `${next} ${extra}`;
    statusText.dataset.status = next;
  };
  const send = (message: ClientMessage): void => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const sendBytes = (bytes: Uint8Array): void => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(bytes);
  };

  const connect = (): void => {
    window.clearTimeout(retryTimer);
    if (reconnectButton !== null) reconnectButton.hidden = true;
    const url = new URL(container.dataset.socket ?? '', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    connections += 1;
    let opened = false;
    setStatus('Connecting');
    ws.addEventListener('open', () => {
      opened = true;
      retryMs = FIRST_RETRY_MS;
      send({ type: 'resize', cols: term.cols, rows: term.rows });
    });
    ws.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data === 'string') {
        const message = JSON.parse(event.data) as ServerMessage;
        if (message.type === 'status') setStatus(message.status);
        return;
      }
      const bytes = new Uint8Array(event.data);
      for (const listener of listeners) listener(bytes);
      term.write(bytes);
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === CLOSE_LOGIN_ENDED || event.code === CLOSE_REFUSED) {
        if (status === 'Connecting' || status === 'Connection Complete') setStatus('Connection Disconnected');
        if (reconnectButton !== null) reconnectButton.hidden = false;
        return;
      }
      if (!opened && connections === 1) {
        setStatus('Connection Failed');
        if (reconnectButton !== null) reconnectButton.hidden = false;
        return;
      }
      // A network drop: try again, waiting longer each time.
      setStatus('Connection Disconnected', `(reconnecting in ${Math.round(retryMs / 100) / 10} s)`);
      retryTimer = window.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };

  term.onData((data) => sendBytes(encoder.encode(data)));
  term.onBinary((data) => sendBytes(Uint8Array.from(data, (ch) => ch.charCodeAt(0) & 0xff)));
  term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
  window.addEventListener('resize', () => fit.fit());
  breakButton?.addEventListener('click', () => {
    send({ type: 'break' });
    term.focus();
  });
  reconnectButton?.addEventListener('click', () => {
    connections = 0;
    connect();
    term.focus();
  });

  window.ccmdTerminal = {
    term,
    sendBytes,
    onBytes(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get status() { return status; },
    get connections() { return connections; },
  };
  connect();
}

start();
