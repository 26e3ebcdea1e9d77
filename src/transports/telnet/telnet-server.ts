/**
 * A Telnet listener (SPEC §2: the Telnet CLI on 2323, or a port socket on 3000+n). Per socket it
 * runs a sans-I/O Telnet codec, runs the login dialogue itself (transports authenticate), then
 * hands a `Terminal` to the `LoginHandler`. It authenticates and adapts, nothing more (STYLE).
 */
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Logger } from '../../logger.js';
import type { Authenticator, LoginHandler } from '../auth.js';
import type { LoginNameParser } from '../ssh/ssh-auth.js';
import type { ClientInfo } from '../terminal.js';
import { LoginDialogue } from './telnet-login.js';
import { TelnetTerminal, type WindowSize } from './telnet-terminal.js';

/**
 * One thing the codec made of received bytes, in arrival order (the shape of
 * src/protocol/telnet's events, so that codec plugs in as it is).
 */
export type TelnetEvent =
  /** User data with the Telnet framing removed (IAC IAC → 0xFF). May be a view of the chunk. */
  | { readonly type: 'data'; readonly data: Buffer }
  /** Negotiation the codec wants sent back to the client, verbatim. */
  | { readonly type: 'send'; readonly data: Buffer }
  /** IAC BRK. */
  | { readonly type: 'break' }
  /** NAWS subnegotiation. */
  | { readonly type: 'resize'; readonly columns: number; readonly rows: number }
  /** An option changed state; the listener has no use for it. */
  | { readonly type: 'option' };

/**
 * The minimal sans-I/O Telnet codec this listener needs, one instance per connection.
 * Contract: never throws on any input; bounds its own buffers (a subnegotiation that never ends
 * cannot grow memory); data handed out may be a view of the chunk (the listener copies what it
 * keeps); `initialNegotiation` offers at least WILL ECHO (so the client does not echo locally
 * and the password stays hidden, SPEC §2), WILL SGA and DO NAWS.
 */
export interface TelnetCodec {
  receive(chunk: Buffer): readonly TelnetEvent[];
  initialNegotiation(): Buffer;
  /** Terminal output → wire bytes (0xFF doubled to IAC IAC). */
  encodeData(data: Buffer): Buffer;
}

export type TelnetCodecFactory = () => TelnetCodec;

export interface TelnetServerOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one (read it back from `port` after `listen`). */
  readonly port: number;
  readonly createCodec: TelnetCodecFactory;
  readonly authenticator: Authenticator;
  readonly parseLoginName: LoginNameParser;
  readonly onLogin: LoginHandler;
  /** Listener name for ClientInfo, e.g. `telnet-cli` or `telnet-port-3`. */
  readonly listenerName: string;
  /** Port socket (SPEC §2, 3000+n): the port a login goes to when its name names none. */
  readonly fixedPort?: number;
  /** Connections still in the login dialogue by then are closed. Default 60 s. */
  readonly loginTimeoutMs?: number;
  /** Optional reverse lookup for ClientInfo.host; off by default (the address is used). */
  readonly lookupHostName?: (address: string) => Promise<string>;
  readonly logger?: Logger;
}

const DEFAULT_LOGIN_TIMEOUT_MS = 60_000;
const TCP_KEEPALIVE_DELAY_MS = 30_000;
/** After giving up on a login, how long the last message may take to flush. */
const GIVE_UP_GRACE_MS = 2_000;

export class TelnetServer {
  private readonly tcp: NetServer;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  constructor(private readonly options: TelnetServerOptions) {
    this.tcp = createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: TCP_KEEPALIVE_DELAY_MS });
    this.tcp.on('connection', (socket) => this.onSocket(socket));
    this.tcp.on('error', (error) => this.options.logger?.error({ err: error }, 'telnet listener error'));
  }

  /** Starts listening; resolves with the bound port (the real one when `port` was 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.tcp.once('error', onError);
      this.tcp.listen(this.options.port, this.options.host, () => {
        this.tcp.off('error', onError);
        this.boundPort = (this.tcp.address() as AddressInfo).port;
        resolve(this.boundPort);
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Stops listening and drops every connection (their terminals emit `close`). */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.tcp.close(() => resolve()));
  }

  private onSocket(socket: Socket): void {
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // ECONNRESET and friends: the close handler cleans up
    this.sockets.add(socket);
    const client = {
      method: 'telnet' as const,
      address: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      host: socket.remoteAddress ?? '',
      listener: this.options.listenerName,
    };
    this.options.lookupHostName?.(client.address).then(
      (name) => (client.host = name),
      () => undefined,
    );
    new TelnetConnection(socket, this.options.createCodec(), client, this.options).start();
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/** One socket from accept to close: the login dialogue, then the terminal. */
class TelnetConnection {
  private size: WindowSize | null = null;
  private terminal: TelnetTerminal | undefined;
  private readonly dialogue: LoginDialogue;
  private readonly loginTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: Socket,
    private readonly codec: TelnetCodec,
    private readonly client: ClientInfo,
    private readonly options: TelnetServerOptions,
  ) {
    this.loginTimer = setTimeout(() => this.abandonLogin(), options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS);
    this.dialogue = new LoginDialogue({
      authenticator: options.authenticator,
      parseLoginName: options.parseLoginName,
      fixedPort: options.fixedPort,
      client,
      write: (text) => this.writeData(text),
      onSuccess: (login, typeahead) => this.handOver(login, typeahead),
      onGiveUp: () => this.abandonLogin(),
      onFailure: (name, reason) => options.logger?.info({ name, reason, ip: client.address }, 'telnet login refused'),
    });
  }

  start(): void {
    this.socket.write(this.codec.initialNegotiation());
    this.dialogue.start();
    this.socket.on('data', (chunk: Buffer) => this.onBytes(chunk));
    this.socket.once('close', () => {
      clearTimeout(this.loginTimer);
      this.dialogue.stop();
    });
  }

  private onBytes(chunk: Buffer): void {
    for (const event of this.codec.receive(chunk)) {
      switch (event.type) {
        case 'send':
          this.socket.write(event.data);
          break;
        case 'data':
          if (this.terminal === undefined) this.dialogue.receive(event.data);
          else this.terminal.receiveData(event.data);
          break;
        case 'resize':
          this.size = { columns: event.columns, rows: event.rows };
          this.terminal?.resizeTo(event.columns, event.rows);
          break;
        case 'break':
          this.terminal?.sendBreak(); // a break during login means nothing
          break;
        case 'option':
          break;
      }
    }
  }

  private writeData(text: string | Buffer): void {
    if (!this.socket.writable) return;
    this.socket.write(this.codec.encodeData(typeof text === 'string' ? Buffer.from(text, 'utf8') : text));
  }

  private handOver(login: Parameters<LoginHandler>[1], typeahead: Buffer): void {
    clearTimeout(this.loginTimer);
    if (this.socket.destroyed) return;
    const terminal = new TelnetTerminal({ ...this.client }, this.socket, (data) => this.codec.encodeData(data), this.size);
    this.terminal = terminal;
    this.options.onLogin(terminal, login);
    // What arrived before anyone could listen (NAWS during login, typed-ahead keys) follows now.
    const size = this.size;
    setImmediate(() => {
      if (size !== null) terminal.resizeTo(size.columns, size.rows);
      if (typeahead.length > 0) terminal.receiveData(typeahead);
    });
  }

  private abandonLogin(): void {
    this.dialogue.stop();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), GIVE_UP_GRACE_MS).unref();
  }
}
