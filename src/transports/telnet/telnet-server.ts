/**
 * A Telnet listener (SPEC §2: the Telnet CLI on 2323, or a port socket on 3000+n). Per socket it
 * runs a sans-I/O Telnet codec, runs the login dialogue itself (transports authenticate), then
 * hands a `Terminal` to the `LoginHandler`. It authenticates and adapts, nothing more (STYLE).
 */
import type { Socket } from 'node:net';
import type { LoginHandler } from '../auth.js';
import { DEFAULT_LOGIN_TIMEOUT_MS, type LoginListenerOptions } from '../login-listener.js';
import { TcpListener } from '../tcp-listener.js';
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

export interface TelnetServerOptions extends LoginListenerOptions {
  readonly createCodec: TelnetCodecFactory;
}

/** After giving up on a login, how long the last message may take to flush. */
const GIVE_UP_GRACE_MS = 2_000;

/** Listening, port, connection count and close come from `TcpListener`. */
export class TelnetServer extends TcpListener {
  constructor(private readonly options: TelnetServerOptions) {
    super(options, (error) => options.logger?.error({ err: error }, 'telnet listener error'));
  }

  protected serve(socket: Socket): void {
    const client = {
      method: 'telnet' as const,
      address: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      localPort: socket.localPort ?? 0,
      host: socket.remoteAddress ?? '',
      listener: this.options.listenerName,
    };
    this.options.lookupHostName?.(client.address).then(
      (name) => (client.host = name),
      () => undefined,
    );
    new TelnetConnection(socket, this.options.createCodec(), client, this.options).start();
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
      gate: options.gate,
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
