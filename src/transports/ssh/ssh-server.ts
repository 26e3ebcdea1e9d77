/**
 * An SSH listener (SPEC §2: the SSH CLI on 2222, or a port socket on 3100+n): authenticates with
 * OpenSSH clients, then hands each interactive `shell` to the `LoginHandler` as a `Terminal`.
 * It authenticates and adapts, nothing more (STYLE). Only interactive sessions are served: exec,
 * subsystems, env, X11, agent and port forwarding are refused.
 *
 * The TCP listener is ours and sockets are injected into ssh2, so every socket gets no-delay,
 * TCP keepalive, an error handler and the login time-out before the first SSH byte.
 *
 * A gate's place (SPEC §9 CLI cap) is held from the credential check until the first shell is
 * handed to `onLogin`, the connection ends, or, authenticated but with no shell, the login
 * time-out passes; a login the gate turns away is rejected unchecked and disconnected.
 */
import type { Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { ClientInfo as SshClientInfo, Connection, ServerChannel, Session } from 'ssh2';
import { DEFAULT_LOGIN_TIMEOUT_MS, type LoginListenerOptions } from '../login-listener.js';
import { TcpListener } from '../tcp-listener.js';
import type { ClientInfo } from '../terminal.js';
import { SshAuthentication, type AcceptedLogin } from './ssh-auth.js';
import { interceptBreakRequests, type BreakInterception } from './ssh-break.js';
import { SshTerminal, type WindowSize } from './ssh-terminal.js';

export type { LoginNameParser, ParsedLoginName } from './ssh-auth.js';

/** Written to stderr of a refused `ssh host command`. */
export const EXEC_REFUSED_MESSAGE = 'ccmd: exec is not supported; use an interactive session\r\n';

/**
 * Written first to every SSH shell when ssh2's internals no longer take the break patch
 * (ssh-break.ts): the `~B` a user types then reaches nobody, so they are told before they need it.
 */
export const BREAK_UNSUPPORTED_MESSAGE = '[ccmd] Break (~B) is not supported on this SSH server; use PORT <n> BREAK at the CLI\r\n';

export interface SshServerOptions extends LoginListenerOptions {
  /** OpenSSH-format private host key (see host-key.ts). */
  readonly hostKey: string;
  /** SSH-level keepalive interval after login; a client missing 3 in a row is dropped. Default 30 s. */
  readonly keepaliveIntervalMs?: number;
}

const DEFAULT_KEEPALIVE_MS = 30_000;

/** Per-TCP-connection state, kept from accept until the socket closes. */
interface PendingConnection {
  readonly socket: Socket;
  readonly loginTimer: NodeJS.Timeout;
  host: string;
}

/** Listening, port, connection count and close come from `TcpListener`. */
export class SshServer extends TcpListener {
  private readonly ssh: ssh2.Server;
  /** By `address:port` of the client: ssh2 reports connections by that, not by socket. */
  private readonly connections = new Map<string, PendingConnection>();
  /** Set once the break patch failed to apply, so the warning is logged once, not per login. */
  private breakPatchWarned = false;

  constructor(private readonly options: SshServerOptions) {
    super(options, (error) => options.logger?.error({ err: error }, 'ssh listener error'));
    this.ssh = new ssh2.Server({
      hostKeys: [options.hostKey],
      keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
      keepaliveCountMax: 3,
    });
    this.ssh.on('connection', (client: Connection, info: SshClientInfo) => this.onConnection(client, info));
    this.ssh.on('error', (error: Error) => this.options.logger?.warn({ err: error }, 'ssh server error'));
  }

  protected serve(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    const key = `${address}:${socket.remotePort ?? 0}`;
    const loginTimer = setTimeout(() => socket.destroy(), this.loginTimeoutMs());
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

  private loginTimeoutMs(): number {
    return this.options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
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
      localPort: entry.socket.localPort ?? 0,
      host: entry.host,
      listener: this.options.listenerName,
    });
    let login: AcceptedLogin | undefined;
    const auth = this.authentication(client, clientInfo(), (accepted) => (login = accepted));
    let placeTimer: NodeJS.Timeout | undefined;
    entry.socket.once('close', () => {
      clearTimeout(placeTimer);
      auth.end();
    });
    client.once('ready', () => {
      clearTimeout(entry.loginTimer);
      // Authenticated but no shell yet: the gate's place is not held past the login time-out.
      placeTimer = setTimeout(() => auth.end(), this.loginTimeoutMs());
      const breaks = this.interceptBreaks(client);
      let openTerminals = 0;
      client.on('session', (accept) => {
        const session = accept();
        this.serveSession(session, entry.socket, clientInfo, login as AcceptedLogin, breaks.applied, {
          opened: () => {
            openTerminals++;
            clearTimeout(placeTimer);
            auth.loginStarted(); // before onLogin: from there the login counts itself
          },
          closed: () => {
            if (--openTerminals === 0) client.end();
          },
        });
      });
    });
  }

  /** Issue 13: the break patch reports whether it applied; a failure is a warning, once per server. */
  private interceptBreaks(client: Connection): BreakInterception {
    const result = interceptBreakRequests(client);
    if (!result.applied && !this.breakPatchWarned) {
      this.breakPatchWarned = true;
      this.options.logger?.warn(
        { missing: result.missing, listener: this.options.listenerName },
        'ssh2 internals changed: SSH break requests (~B) cannot be received; SSH users are told to use PORT n BREAK',
      );
    }
    return result;
  }

  /** Answers `client`'s authentication requests; a login the gate turns away ends the connection. */
  private authentication(client: Connection, info: ClientInfo, accepted: (login: AcceptedLogin) => void): SshAuthentication {
    const auth = new SshAuthentication(
      {
        authenticator: this.options.authenticator,
        parseLoginName: this.options.parseLoginName,
        fixedPort: this.options.fixedPort,
        client: info,
        gate: this.options.gate,
      },
      {
        accepted,
        refused: (user, method, reason) => this.options.logger?.info({ user, method, reason, ip: info.address }, 'ssh login refused'),
        turnedAway: () => client.end(),
      },
    );
    client.on('authentication', (ctx) => auth.handle(ctx));
    return auth;
  }

  private serveSession(
    session: Session,
    socket: Socket,
    clientInfo: () => ClientInfo,
    login: AcceptedLogin,
    breaksArrive: boolean,
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
      if (!breaksArrive) channel.write(BREAK_UNSUPPORTED_MESSAGE);
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
