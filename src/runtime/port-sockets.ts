/**
 * The per-port Telnet sockets of SPEC §2 and `PORT n SET SOCKET=` made live (issue 12 item 4).
 * Port n listens on its SOCKET= when set, else on the Telnet base + n (none when the base is 0).
 * A move binds the new number first and only then stops the old listener from accepting, so a
 * refused move changes nothing and connections made on the old socket stay. A number another
 * listener of this daemon holds (CLI, another port's socket, an SSH socket, the web port) is
 * refused by name before any bind; one some other program holds is refused by the bind itself.
 */
import type { Logger } from '../logger.js';
import type { ListenerHandle } from './inherited-listeners.js';

/** What PortSockets needs of a listener: the Telnet server of one port. */
export interface SocketListener {
  listen(): Promise<number>;
  readonly port: number;
  /** The listening socket's descriptor (SERVER REBOOT hands it on); null when not listening. */
  readonly fd: number | null;
  stopListening(): Promise<void>;
  close(): Promise<void>;
}

export type SocketMove = { readonly ok: true; readonly port: number | null } | { readonly ok: false; readonly reason: string };

export interface PortSocketsOptions {
  /** Telnet base (config `portTelnetBase`): 0 off, -1 ephemeral (tests), else base + n. */
  readonly base: number;
  /** A listener for port n on TCP port `tcpPort` (0: ephemeral), not yet listening. */
  readonly create: (n: number, tcpPort: number) => SocketListener;
  /** The daemon's other listeners now, by bound TCP port: `ssh-cli`, `ssh-port-3`, `web`... */
  readonly others: () => ReadonlyMap<number, string>;
  /** Where bound ports are published (the ready file's `portTelnet`). */
  readonly published: Record<string, number>;
  readonly logger?: Logger;
}

export class PortSockets {
  private readonly live = new Map<number, SocketListener>();
  /** Listeners moved away from: they accept nothing but keep their connections until shutdown. */
  private readonly retired: SocketListener[] = [];
  /** Serialises moves: two SET SOCKET= at once must not both pass the clash check. */
  private moving: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PortSocketsOptions) {}

  /** The TCP port port n should listen on: its SOCKET=, else base + n; null for none. */
  target(n: number, socket: number | null): number | null {
    if (socket !== null) return socket;
    const { base } = this.options;
    if (base === 0) return null;
    return base < 0 ? 0 : base + n;
  }

  /** At start-up: port n listens where its settings say. A failed bind throws (start-up fails). */
  async start(n: number, socket: number | null): Promise<void> {
    const tcpPort = this.target(n, socket);
    if (tcpPort === null) return;
    const listener = this.options.create(n, tcpPort);
    this.live.set(n, listener);
    this.options.published[n] = await listener.listen();
  }

  /** The TCP port port n listens on now (undefined: none). */
  boundPort(n: number): number | undefined {
    return this.live.get(n)?.port;
  }

  /** Every port socket's TCP port, for the clash check of the other listeners. */
  bound(): ReadonlyMap<number, string> {
    const out = new Map<number, string>();
    for (const [n, listener] of this.live) out.set(listener.port, `telnet-port-${n}`);
    return out;
  }

  /**
   * The live sockets, as SERVER REBOOT hands them to the next process (issue 12): only those
   * accepting now; sockets moved away from stay behind with their connections.
   */
  handles(): ListenerHandle[] {
    const out: ListenerHandle[] = [];
    for (const [n, listener] of this.live) {
      if (listener.fd !== null) out.push({ name: `telnet-port-${n}`, fd: listener.fd, port: listener.port });
    }
    return out;
  }

  /** PORT n SET SOCKET=: moves port n's listener now; connections already made stay. */
  move(n: number, socket: number | null): Promise<SocketMove> {
    const next = this.moving.then(() => this.moveNow(n, socket));
    this.moving = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    const all = [...this.live.values(), ...this.retired.splice(0)];
    this.live.clear();
    await Promise.allSettled(all.map((l) => l.close()));
  }

  private clash(n: number, tcpPort: number): string | null {
    if (tcpPort === 0) return null;
    const others = new Map(this.options.others());
    for (const [port, name] of this.bound()) if (name !== `telnet-port-${n}`) others.set(port, name);
    const holder = others.get(tcpPort);
    return holder === undefined ? null : `TCP port ${tcpPort} is already used by ${holder}`;
  }

  private async moveNow(n: number, socket: number | null): Promise<SocketMove> {
    const tcpPort = this.target(n, socket);
    const current = this.live.get(n);
    if (tcpPort !== null && tcpPort !== 0 && current?.port === tcpPort) return { ok: true, port: tcpPort };
    if (tcpPort !== null) {
      const clash = this.clash(n, tcpPort);
      if (clash !== null) return { ok: false, reason: clash };
    }
    let bound: number | null = null;
    if (tcpPort !== null) {
      const fresh = this.options.create(n, tcpPort);
      try {
        bound = await fresh.listen();
      } catch (err) {
        await fresh.close();
        return { ok: false, reason: `TCP port ${tcpPort} cannot be used: ${(err as Error).message}` };
      }
      this.live.set(n, fresh);
      this.options.published[n] = bound;
    } else {
      this.live.delete(n);
      delete this.options.published[n];
    }
    if (current !== undefined) {
      await current.stopListening();
      this.retired.push(current);
    }
    this.options.logger?.info({ port: n, from: current?.port ?? null, to: bound }, 'port socket moved');
    return { ok: true, port: bound };
  }
}
