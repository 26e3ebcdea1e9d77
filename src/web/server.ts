/**
 * The daemon's HTTP listener (SPEC §10): hono on @hono/node-server 2, WebSockets through `ws`,
 * optional TLS. It serves whatever app `createWebApp` composed (web/app.ts); this module owns only
 * the socket side: binding, TLS, time-outs that bound idle connections, and closing.
 *
 * WebSockets: the server is created with a `ws` WebSocketServer in `noServer` mode, so any hono
 * route can upgrade with `upgradeWebSocket` from '@hono/node-server' (do NOT use @hono/node-ws):
 *
 *   import { upgradeWebSocket } from '@hono/node-server';
 *   app.get('/ports/:n/terminal/ws', requireCookie, upgradeWebSocket((c) => ({
 *     onOpen(_evt, ws) { ... ws.raw is the `ws` WebSocket ... },
 *     onMessage(evt, ws) { ... }, onClose() { ... },
 *   })));
 *
 * Middleware before `upgradeWebSocket` (cookie session, Origin check) runs on the upgrade request;
 * answering with a status instead refuses the upgrade with that status. Frames are capped at
 * `MAX_WS_FRAME_BYTES`.
 *
 * The app and the libraries behind it (hono, @hono/node-server, ws, the pages and API routes, about
 * 12 MB of RSS) load on the first request, not at start-up (issue 14: a daemon nobody opens the
 * web console on does not pay for it). The socket is bound at start-up as before, so a port in use
 * still fails start-up; the first request waits for the load (tens of milliseconds).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import type { WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';
import { listeningFd } from '../transports/tcp-listener.js';

/** Largest WebSocket message accepted (a browser terminal sends keystrokes and pastes). */
export const MAX_WS_FRAME_BYTES = 64 * 1024;
/** An idle keep-alive connection is closed after this long. */
const KEEP_ALIVE_MS = 5_000;

export interface WebServerOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one (read it back from `port`). */
  readonly port: number;
  /** A listening socket inherited from the previous daemon process (SERVER REBOOT, issue 12). */
  readonly fd?: number;
  /** PEM file paths; absent: plain HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Headers and body must arrive within this; a connection that sends nothing is closed after it. */
  readonly requestTimeoutMs: number;
  /** Connections at once; beyond it new ones are dropped at accept. */
  readonly maxConnections: number;
  /** The app, or how to make it: called once, on the first request or upgrade. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly app: Hono<any> | (() => Promise<Hono<any>>);
  readonly logger: Logger;
}

export interface WebServer {
  readonly port: number;
  /** The listening socket's descriptor (SERVER REBOOT hands it on); null once closed. */
  readonly fd: number | null;
  readonly tls: boolean;
  /** Stops listening, ends WebSockets and drops every connection. */
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  // Read before listening: a bad path fails start-up with the file named.
  const tls = options.tls === undefined ? undefined : {
    cert: readPem(options.tls.cert, 'webTls.cert'), key: readPem(options.tls.key, 'webTls.key'),
  };
  const timeouts = {
    headersTimeout: options.requestTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    // How often Node looks for connections over headersTimeout/requestTimeout (default 30 s).
    connectionsCheckingInterval: Math.min(1_000, options.requestTimeoutMs),
  };
  const server: HttpServer = tls === undefined
    ? createHttpServer(timeouts)
    : createHttpsServer({ ...timeouts, ...tls, handshakeTimeout: options.requestTimeoutMs }) as unknown as HttpServer;
  const app = lazyApp(server, options);
  server.maxConnections = options.maxConnections;
  // Node's headersTimeout only watches connections that have begun a request: one that connects
  // and never sends a byte would stay forever. It gets `requestTimeoutMs` to start; after its
  // first request the server's own time-outs (headers, request, keep-alive) take over. A
  // long-lived response (server-sent events) is then unaffected.
  const idleBeforeRequest = (socket: Socket): void => {
    socket.setTimeout(options.requestTimeoutMs, () => socket.destroy());
  };
  server.on(tls === undefined ? 'connection' : 'secureConnection', idleBeforeRequest);
  server.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));
  server.on('clientError', (_err, socket) => {
    // Malformed requests and time-outs: answer 400/408 when the socket can still take it.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (options.fd === undefined) server.listen(options.port, options.host, listening);
    else server.listen({ fd: options.fd }, listening);
  });
  server.on('error', (err) => options.logger.error({ err }, 'web listener error'));
  const port = (server.address() as AddressInfo).port;
  if (tls === undefined) options.logger.warn({ port }, 'web console and API are plain HTTP (no webTls configured)');
  let closing: Promise<void> | null = null;
  return {
    port,
    get fd() { return listeningFd(server); },
    tls: tls !== undefined,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of app.sockets()) ws.terminate();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Serves `server` through the app once it is loaded: until then, requests and upgrades wait for
 * the load, which the first of them starts. A load that fails answers 500 (an upgrade is dropped)
 * and is tried again on the next request.
 */
function lazyApp(server: HttpServer, options: WebServerOptions): { sockets(): Iterable<{ terminate(): void }> } {
  let wss: WebSocketServer | null = null;
  let handle: Promise<(req: IncomingMessage, res: ServerResponse) => void> | null = null;
  const load = async (): Promise<(req: IncomingMessage, res: ServerResponse) => void> => {
    const [{ createAdaptorServer }, { WebSocketServer: Wss }, app] = await Promise.all([
      import('@hono/node-server'), import('ws'),
      typeof options.app === 'function' ? options.app() : Promise.resolve(options.app),
    ]);
    const sockets = new Wss({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES });
    let listener: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
    // The adaptor attaches its request listener and WebSocket upgrade handler to our server.
    createAdaptorServer({
      fetch: app.fetch, hostname: options.host, websocket: { server: sockets },
      createServer: ((_options: unknown, requestListener: (req: IncomingMessage, res: ServerResponse) => void) => {
        listener = requestListener;
        return server;
      }) as unknown as typeof createHttpServer,
    });
    server.off('request', onRequest);
    server.on('request', listener!);
    server.off('upgrade', onUpgrade);
    wss = sockets;
    return listener!;
  };
  const loaded = (): Promise<(req: IncomingMessage, res: ServerResponse) => void> => {
    handle ??= load().catch((err: unknown) => {
      handle = null;
      options.logger.error({ err }, 'web console could not be loaded');
      throw err;
    });
    return handle;
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    loaded().then((listener) => listener(req, res), () => {
      res.statusCode = 500;
      res.end();
    });
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    loaded().then(() => server.emit('upgrade', req, socket, head), () => socket.destroy());
  };
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  return { sockets: () => wss?.clients ?? [] };
}

function readPem(path: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`${field}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
