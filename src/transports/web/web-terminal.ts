/**
 * The `Terminal` seen by the runtime for one browser terminal (SPEC §10, issue 11): a WebSocket
 * whose binary frames are terminal bytes and whose text frames are JSON control messages
 * (`web/terminal-protocol.ts`): resize and break from the page, the CPAM connection status to it.
 * The web console builds it after checking the cookie session, the Origin and the user's rights.
 */
import type { WebSocket } from 'ws';
import type { Notice } from '../../domain/notices.js';
import {
  CLOSE_LOGIN_ENDED, parseClientMessage, statusOfNotice, type ConnectionStatus, type ServerMessage,
} from '../../web/terminal-protocol.js';
import type { ClientInfo } from '../terminal.js';
import { TerminalBase, type WindowSize } from '../terminal-base.js';

/** Above this many bytes queued in the WebSocket and its TCP socket, `write` reports back-pressure. */
const SOCKET_HIGH_WATER = 64 * 1024;
/** How long `close()` waits for the browser's close frame before dropping the socket. */
const CLOSE_GRACE_MS = 5_000;

export class WebTerminal extends TerminalBase {
  private status: ConnectionStatus = 'Connecting';

  constructor(
    client: ClientInfo,
    private readonly socket: WebSocket,
    initialSize: WindowSize | null,
  ) {
    super(client, initialSize);
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.deliver(data);
      else this.control(data.toString('utf8'));
    });
    socket.on('error', () => this.finish());
    socket.once('close', () => this.finish());
  }

  /** The CPAM status the page was last told. */
  get connectionStatus(): ConnectionStatus {
    return this.status;
  }

  get pendingBytes(): number {
    return this.socket.bufferedAmount;
  }

  write(data: Buffer | string): boolean {
    if (this.isClosed || this.socket.readyState !== this.socket.OPEN) return false;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // ws has no `drain`: a frame that goes over the mark (and any after it) gets a write callback
    // that checks for room once it is flushed; the frames before it need none.
    const over = this.socket.bufferedAmount + bytes.length > SOCKET_HIGH_WATER;
    if (over || this.backPressured) this.socket.send(bytes, { binary: true }, this.onFlushed);
    else this.socket.send(bytes, { binary: true });
    if (over) this.backPressured = true;
    return !over;
  }

  /** SPEC §10: the notices become the CPAM statuses, sent beside the text the terminal shows. */
  onNotice(notice: Notice): void {
    const status = statusOfNotice(notice.kind);
    if (status !== null) this.setStatus(status, notice.kind);
  }

  close(): void {
    if (this.isClosed) return;
    // A login that ends after it was complete (or while it waited) ends disconnected; a refusal keeps its word.
    if (this.status === 'Connection Complete' || this.status === 'Connecting' || this.status === 'Waiting for approval') {
      this.setStatus('Connection Disconnected', 'closed');
    }
    this.isClosed = true;
    try {
      this.socket.close(CLOSE_LOGIN_ENDED, this.status);
    } catch {
      this.finish();
      return;
    }
    this.finishAfter(CLOSE_GRACE_MS, () => this.socket.terminate());
  }

  private setStatus(status: ConnectionStatus, text: string): void {
    this.status = status;
    if (this.isClosed || this.socket.readyState !== this.socket.OPEN) return;
    const message: ServerMessage = { type: 'status', status, text };
    this.socket.send(JSON.stringify(message));
  }

  private control(text: string): void {
    const message = parseClientMessage(text);
    if (message === null) return;
    if (message.type === 'resize') this.resizeTo(message.cols, message.rows);
    else this.sendBreak();
  }

  private readonly onFlushed = (): void => {
    if (this.socket.bufferedAmount > SOCKET_HIGH_WATER) return;
    this.drained();
  };
}
