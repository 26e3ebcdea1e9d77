/**
 * The TCP side of the SSH and Telnet listeners (SPEC §2): one server socket whose every
 * connection gets no-delay, TCP keepalive and an error handler before its protocol sees a byte,
 * and is tracked until it closes so `close()` can drop them all. A listener extends it and
 * serves each socket with its protocol.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Dead peers are noticed by the kernel after this much silence (and its probes). */
const TCP_KEEPALIVE_DELAY_MS = 30_000;

export interface TcpAddress {
  /** Bind address, e.g. 127.0.0.1. */
  readonly host: string;
  /** TCP port; 0 picks a free one (read it back from `port` after `listen`). */
  readonly port: number;
  /**
   * A listening socket inherited from the previous daemon process (SERVER REBOOT, issue 12):
   * listen on it instead of binding host:port.
   */
  readonly fd?: number;
}

export abstract class TcpListener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  /** `onError` hears errors of the server socket after `listen` resolved (accept failures and the like). */
  constructor(
    private readonly address: TcpAddress,
    onError: (error: Error) => void,
  ) {
    this.server = createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: TCP_KEEPALIVE_DELAY_MS });
    this.server.on('connection', (socket) => this.accept(socket));
    // As documented: only errors after `listen` resolved; a failed bind is `listen`'s rejection
    // (a refused SOCKET= move is not a listener fault to log at error level).
    this.server.on('error', (error) => { if (this.boundPort !== 0) onError(error); });
  }

  /** Starts listening; resolves with the bound port (the real one when `port` was 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      const listening = (): void => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve(this.boundPort);
      };
      if (this.address.fd === undefined) this.server.listen(this.address.port, this.address.host, listening);
      else this.server.listen({ fd: this.address.fd }, listening);
    });
  }

  /** The bound TCP port (0 before `listen` resolves). */
  get port(): number {
    return this.boundPort;
  }

  /** The listening socket's descriptor, to hand to the next process on SERVER REBOOT; null when not listening. */
  get fd(): number | null {
    return listeningFd(this.server);
  }

  /** Connections open now, authenticated or not. */
  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Stops listening and drops every connection (their terminals emit `close`). */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Stops accepting while the connections already made stay (a port's socket moving to another
   * number, issue 12); `close()` still drops them later. Resolves once the TCP port is free.
   */
  stopListening(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // net.Server.close waits for every connection to end before its callback; the port itself
      // is released at once, which is all a move needs.
      setImmediate(resolve);
    });
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true); // cuts an OpenSSH login from ~120 ms to ~45 ms
    socket.on('error', () => undefined); // ECONNRESET and friends: the close handler cleans up
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.serve(socket);
  }

  /** Runs the protocol on an accepted socket, already set up; it is forgotten here once it closes. */
  protected abstract serve(socket: Socket): void;
}

/**
 * The descriptor of a listening net.Server. Node keeps it on the server's libuv handle
 * (`_handle.fd`, stable for years: the cluster module relies on the same handle); null when
 * the server is not listening or the platform has no descriptors.
 */
export function listeningFd(server: Server): number | null {
  if (!server.listening) return null;
  const fd = (server as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}
