/**
 * The daemon's Prometheus metrics (SPEC §10 `GET /metrics`), one registry per daemon.
 *
 * Counters are counted where the thing happens (issue 10: "from the real data path, not
 * recomputed on scrape"): logins where credentials are decided, share requests where the broker
 * records their outcome, and port bytes and drops once per chunk. The port counts are plain
 * numbers added to per chunk and handed to prom-client when scraped (issue 14: a prom-client
 * `inc`, even on a bound child, hashes its labels each call, once per chunk on 48 ports). Gauges describe state now (sessions per
 * status, connections per port, device up) and are read from the broker and ports when scraped.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { SessionEventKind } from '../domain/broker/types.js';

/** Per-chunk counters of one port: each call adds to a number (no allocation, no label work). */
export interface PortCounters {
  received(bytes: number): void;
  sent(bytes: number): void;
  dropped(bytes: number): void;
}

/** A port's state as the gauges report it, read at scrape time. */
export interface PortGaugeView {
  readonly port: number;
  readonly status: 'Active' | 'Inactive' | 'Pending';
  readonly connections: number;
  readonly deviceUp: boolean;
}

export type LoginResult = 'success' | 'failure' | 'locked' | 'disabled' | 'busy';

interface PortCount {
  readonly label: string;
  received: number;
  sent: number;
  dropped: number;
  /** The part of each count already added to the prom-client counters. */
  readonly told: { received: number; sent: number; dropped: number };
}

/** SPEC §5 events that end a share request, as `ccmd_share_requests_total{outcome}`. */
const SHARE_OUTCOMES: ReadonlySet<SessionEventKind> = new Set(['share-requested', 'approved', 'refused', 'timed-out']);

export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly logins: Counter<'method' | 'result'>;
  private readonly bytes: Counter<'port' | 'direction'>;
  private readonly droppedBytes: Counter<'port'>;
  private readonly shareRequests: Counter<'outcome'>;
  /** What the data path counted, per port, and what of it prom-client has been given. */
  private readonly portCounts: PortCount[] = [];

  /** `ports` is read at scrape time for the gauges. */
  constructor(ports: () => readonly PortGaugeView[], options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.logins = new Counter({ name: 'ccmd_logins_total', help: 'Login attempts by way in and result', labelNames: ['method', 'result'], registers });
    const portCounts = this.portCounts;
    this.bytes = new Counter({
      name: 'ccmd_port_bytes_total', help: 'Bytes through each serial port (in: from the device, out: to it)', labelNames: ['port', 'direction'], registers,
      collect() {
        for (const c of portCounts) {
          this.inc({ port: c.label, direction: 'in' }, c.received - c.told.received);
          this.inc({ port: c.label, direction: 'out' }, c.sent - c.told.sent);
          c.told.received = c.received;
          c.told.sent = c.sent;
        }
      },
    });
    this.droppedBytes = new Counter({
      name: 'ccmd_port_dropped_bytes_total', help: 'Port output dropped for slow clients, summed over them', labelNames: ['port'], registers,
      collect() {
        for (const c of portCounts) {
          this.inc({ port: c.label }, c.dropped - c.told.dropped);
          c.told.dropped = c.dropped;
        }
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

  /** Counters for port n; the port runtime calls them per chunk, the scrape reads them. */
  portCounters(port: number): PortCounters {
    const count: PortCount = { label: String(port), received: 0, sent: 0, dropped: 0, told: { received: 0, sent: 0, dropped: 0 } };
    this.portCounts.push(count);
    return {
      received: (n) => { count.received += n; },
      sent: (n) => { count.sent += n; },
      dropped: (n) => { count.dropped += n; },
    };
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
