/**
 * An SSH listener (SPEC §2: the SSH CLI on 2222, or a port socket on 3100+n): authenticates with
 * OpenSSH clients, then hands each interactive `shell` to the `LoginHandler` as a `Terminal`.
 * It authenticates and adapts, nothing more (STYLE). Only interactive sessions are served: exec,
 * subsystems, env, X11, agent and port forwarding are refused.
 *
 * The TCP listener is ours and sockets are injected into ssh2, so every socket gets no-delay,
 * TCP keepalive, an error handler and the login time-out before the first SSH byte.
 */
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { ClientInfo as SshClientInfo, Connection, ServerChannel, Session } from 'ssh2';
import type { Logger } from '../../logger.js';
import type { Authenticator, LoginHandler } from '../auth.js';
import type { ClientInfo } from '../terminal.js';
import { SshAuthentication, type AcceptedLogin, type LoginNameParser } from './ssh-auth.js';
import { interceptBreakRequests } from './ssh-break.js';
import { SshTerminal, type WindowSize } from './ssh-terminal.js';

export type { LoginNameParser, ParsedLoginName } from './ssh-auth.js';

/** Written to stderr of a refused `ssh host command`. */
export const EXEC_REFUSED_MESSAGE = 'ccmd: exec is not supported; use an interactive session\r\n';

export interface SshServerOptions {
  /** Bind address, e.g. 127.0.0.1. */
  readonly host: string;
  /** TCP port; 0 picks a free one (read it back from `port` after `listen`). */
  readonly port: number;
  /** OpenSSH-format private host key (see host-key.ts). */
  readonly hostKey: string;
  readonly authenticator: Authenticator;
  readonly parseLoginName: LoginNameParser;
  readonly onLogin: LoginHandler;
  /** Listener name for ClientInfo, e.g. `ssh-cli` or `ssh-port-3`. */
  readonly listenerName: string;
  /** Port socket (SPEC §2, 3100+n): the port a login goes to when its name names none. */
  readonly fixedPort?: number;
  /** Connections not authenticated by then are closed. Default 60 s. */
  readonly loginTimeoutMs?: number;
  /** SSH-level keepalive interval after login; a client missing 3 in a row is dropped. Default 30 s. */
  readonly keepaliveIntervalMs?: number;
  /** Optional reverse lookup for ClientInfo.host; off by default (the address is used). */
  readonly lookupHostName?: (address: string) => Promise<string>;
  readonly logger?: Logger;
}

const DEFAULT_LOGIN_TIMEOUT_MS = 60_000;
const DEFAULT_KEEPALIVE_MS = 30_000;
const TCP_KEEPALIVE_DELAY_MS = 30_000;

/** Per-TCP-connection state, kept from accept until the socket closes. */
interface PendingConnection {
  readonly socket: Socket;
  readonly loginTimer: NodeJS.Timeout;
  host: string;
}

export class SshServer {
  private readonly tcp: NetServer;
  private readonly ssh: ssh2.Server;
  /** By `address:port` of the client: ssh2 reports connections by that, not by socket. */
  private readonly connections = new Map<string, PendingConnection>();
  private boundPort = 0;

  constructor(private readonly options: SshServerOptions) {
    this.ssh = new ssh2.Server({
      hostKeys: [options.hostKey],
      keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
      keepaliveCountMax: 3,
    });
    this.ssh.on('connection', (client: Connection, info: SshClientInfo) => this.onConnection(client, info));
    this.ssh.on('error', (error: Error) => this.options.logger?.warn({ err: error }, 'ssh server error'));
    this.tcp = createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: TCP_KEEPALIVE_DELAY_MS });
    this.tcp.on('connection', (socket) => this.onSocket(socket));
    this.tcp.on('error', (error) => this.options.logger?.error({ err: error }, 'ssh listener error'));
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

  /** The bound TCP port (0 before `listen` resolves). */
  get port(): number {
    return this.boundPort;
  }

  /** Connections open now, authenticated or not. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops listening and drops every connection (their terminals emit `close`). */
  close(): Promise<void> {
    for (const { socket } of this.connections.values()) socket.destroy();
    return new Promise((resolve) => this.tcp.close(() => resolve()));
  }

  private onSocket(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    const key = `${address}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true); // cuts an OpenSSH login from ~120 ms to ~45 ms
    socket.on('error', () => undefined); // ECONNRESET and friends: the close handler cleans up
    const loginTimer = setTimeout(() => socket.destroy(), this.options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS);
    const entry: PendingConnection = { socket, loginTimer, host: address };
    this.connections.set(key, entry);
    socket.once('close', () => {
      clearTimeout(loginTimer);
      this.connections.delete(key);
    });
    this.options.lookupHostName?.(address).then(
      (name) => (entry.host = name),
      () => undefined,
    );
    this.ssh.injectSocket(socket);
  }

  private onConnection(client: Connection, info: SshClientInfo): void {
    const entry = this.connections.get(`${info.ip}:${info.port}`);
    client.on('error', (error: Error) => this.options.logger?.debug({ err: error, ip: info.ip }, 'ssh client error'));
    if (entry === undefined) {
      client.end(); // its socket already closed
      return;
    }
    const clientInfo = (): ClientInfo => ({
      method: 'ssh',
      address: info.ip,
      remotePort: info.port,
      host: entry.host,
      listener: this.options.listenerName,
    });
    let login: AcceptedLogin | undefined;
    const auth = new SshAuthentication(
      {
        authenticator: this.options.authenticator,
        parseLoginName: this.options.parseLoginName,
        fixedPort: this.options.fixedPort,
        client: clientInfo(),
      },
      (accepted) => (login = accepted),
      (user, method, reason) => this.options.logger?.info({ user, method, reason, ip: info.ip }, 'ssh login refused'),
    );
    client.on('authentication', (ctx) => auth.handle(ctx));
    client.once('ready', () => {
      clearTimeout(entry.loginTimer);
      interceptBreakRequests(client);
      let openTerminals = 0;
      client.on('session', (accept) => {
        const session = accept();
        this.serveSession(session, entry.socket, clientInfo, login as AcceptedLogin, {
          opened: () => openTerminals++,
          closed: () => {
            if (--openTerminals === 0) client.end();
          },
        });
      });
    });
  }

  private serveSession(
    session: Session,
    socket: Socket,
    clientInfo: () => ClientInfo,
    login: AcceptedLogin,
    count: { opened: () => void; closed: () => void },
  ): void {
    let size: WindowSize | null = null;
    let terminal: SshTerminal | undefined;
    session.on('pty', (accept, _reject, info) => {
      size = { columns: info.cols, rows: info.rows };
      accept?.();
    });
    session.on('window-change', (accept, _reject, info) => {
      accept?.();
      size = { columns: info.cols, rows: info.rows };
      terminal?.resizeTo(info.cols, info.rows);
    });
    session.on('break', () => terminal?.sendBreak());
    session.on('exec', (accept) => refuseExec(accept()));
    session.once('shell', (accept) => {
      const channel = accept();
      terminal = new SshTerminal(clientInfo(), channel, socket, size);
      count.opened();
      terminal.on('close', count.closed);
      this.options.onLogin(terminal, login);
      // The pty size came before anyone could listen: replay it once the handler is attached.
      const initial = size;
      if (initial !== null) setImmediate(() => terminal?.resizeTo(initial.columns, initial.rows));
    });
  }
}

function refuseExec(channel: ServerChannel | undefined): void {
  if (channel === undefined) return;
  channel.on('error', () => undefined);
  channel.stderr.write(EXEC_REFUSED_MESSAGE);
  channel.exit(1);
  channel.end();
}
