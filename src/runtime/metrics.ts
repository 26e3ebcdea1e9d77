/**
 * The daemon's Prometheus metrics (SPEC §10 `GET /metrics`), one registry per daemon.
 *
 * Counters are counted where the thing happens (issue 10: "from the real data path, not
 * recomputed on scrape"): logins where credentials are decided, share requests where the broker
 * records their outcome. Port bytes and drops are the port runtime's own counts (the figures
 * SHOW PORT prints, added to once per chunk on the data path), handed to prom-client when
 * scraped: no second count per chunk, and no prom-client `inc` on the data path (issue 14: even a
 * bound child hashes its labels each call). Gauges describe state now (sessions per status,
 * connections per port, device up) and are read from the broker and ports when scraped.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { SessionEventKind } from '../domain/broker/types.js';

/** A port's state as the gauges report it, read at scrape time. */
export interface PortGaugeView {
  readonly port: number;
  readonly status: 'Active' | 'Inactive' | 'Pending';
  readonly connections: number;
  readonly deviceUp: boolean;
  /** The port runtime's totals since start-up (its runtime lives as long as the daemon). */
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly droppedBytes: number;
}

export type LoginResult = 'success' | 'failure' | 'locked' | 'disabled' | 'busy';

/** SPEC §5 events that end a share request, as `ccmd_share_requests_total{outcome}`. */
const SHARE_OUTCOMES: ReadonlySet<SessionEventKind> = new Set(['share-requested', 'approved', 'refused', 'timed-out']);

export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly logins: Counter<'method' | 'result'>;
  private readonly bytes: Counter<'port' | 'direction'>;
  private readonly droppedBytes: Counter<'port'>;
  private readonly shareRequests: Counter<'outcome'>;

  /** `ports` is read at scrape time for the gauges. */
  constructor(ports: () => readonly PortGaugeView[], options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.logins = new Counter({ name: 'ccmd_logins_total', help: 'Login attempts by way in and result', labelNames: ['method', 'result'], registers });
    this.bytes = new Counter({
      name: 'ccmd_port_bytes_total', help: 'Bytes through each serial port (in: from the device, out: to it)', labelNames: ['port', 'direction'], registers,
      collect() {
        this.reset();
        for (const p of ports()) {
          this.inc({ port: String(p.port), direction: 'in' }, p.rxBytes);
          this.inc({ port: String(p.port), direction: 'out' }, p.txBytes);
        }
      },
    });
    this.droppedBytes = new Counter({
      name: 'ccmd_port_dropped_bytes_total', help: 'Port output dropped for slow clients, summed over them', labelNames: ['port'], registers,
      collect() {
        this.reset();
        for (const p of ports()) this.inc({ port: String(p.port) }, p.droppedBytes);
      },
    });
    this.shareRequests = new Counter({ name: 'ccmd_share_requests_total', help: 'Share requests to a session originator, and their outcomes', labelNames: ['outcome'], registers });
    const statuses = ['Active', 'Inactive', 'Pending'] as const;
    new Gauge({
      name: 'ccmd_sessions', help: 'Ports by session status (SPEC §5)', labelNames: ['status'], registers,
      collect() {
        const counts = { Active: 0, Inactive: 0, Pending: 0 };
        for (const p of ports()) counts[p.status] += 1;
        for (const s of statuses) this.set({ status: s.toLowerCase() }, counts[s]);
      },
    });
    new Gauge({
      name: 'ccmd_port_connections', help: 'Connections on each port (LISTEN monitors and pending requests included)', labelNames: ['port'], registers,
      collect() {
        for (const p of ports()) this.set({ port: String(p.port) }, p.connections);
      },
    });
    new Gauge({
      name: 'ccmd_device_up', help: '1 when the port\'s device is open', labelNames: ['port'], registers,
      collect() {
        for (const p of ports()) this.set({ port: String(p.port) }, p.deviceUp ? 1 : 0);
      },
    });
  }

  login(method: string, result: LoginResult): void {
    this.logins.inc({ method, result });
  }

  /** Called with every session event the broker records; counts the share-request ones. */
  sessionEvent(event: SessionEventKind): void {
    if (SHARE_OUTCOMES.has(event)) this.shareRequests.inc({ outcome: event === 'share-requested' ? 'requested' : event });
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
