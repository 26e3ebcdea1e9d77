/**
 * One serial port from start-up to shutdown (STYLE: device → history → bounded fan-out). The port
 * holds its device whether or not anyone is attached, so the history buffer of SPEC §1 fills from
 * start-up. A device missing at start or lost later is opened again with back-off (100 ms doubling
 * to 5 s) until it comes back; the `deviceLost` / `deviceBack` events are what the runtime turns
 * into the SPEC §7 notices `Port <n> device lost` / `Port <n> device back`.
 *
 * Data path: every chunk read goes once into the history ring (a copy into a preallocated buffer)
 * and by reference to every attachment's bounded queue; nothing else is allocated or logged.
 */
import { EventEmitter } from 'node:events';
import type { SerialSettings } from '../config/schema.js';
import { HistoryRing } from '../domain/history-ring.js';
import type { ApplyResult, BreakResult, ControlResult, ModemLinesResult, SerialDevice } from '../transports/serial/device.js';
import { BoundedOutput, type OutputSink } from './bounded-output.js';
import type { Clock, Timer } from './clock.js';

/** `reopening`: an open attempt is under way; `lost`: waiting until `nextRetryAt` to try again. */
export type DeviceState = 'open' | 'lost' | 'reopening';

/** SPEC §6 `SERVER CLI HISTORY=KEEP|CLEAR`: what happens to the history when a session ends. */
export type HistoryOnSessionEnd = 'KEEP' | 'CLEAR';

export const FIRST_RETRY_MS = 100;
export const MAX_RETRY_MS = 5000;

/** A snapshot for status output (SHOW PORT, SHOW SESSIONS' Pending). */
export interface PortStatus {
  readonly port: number;
  readonly device: string;
  readonly state: DeviceState;
  /** When the next open attempt is due (clock ms), while `lost`; otherwise null. */
  readonly nextRetryAt: number | null;
  /** Why the last open failed or the device went away, for status output. */
  readonly lastError: string | null;
  readonly rxBytes: number;
  readonly txBytes: number;
  /** Output bytes dropped for slow connections, summed over them (a byte dropped for two counts twice). */
  readonly droppedBytes: number;
  /**
   * Device errors seen (issue 12, SHOW PORT's counters): each time the device went away and each
   * failed open attempt. Line errors (framing, parity, overrun) are counted by the kernel's
   * driver and not exposed by serialport, so they are not here.
   */
  readonly errors: number;
  readonly attachments: number;
  readonly historyBytes: number;
  readonly settings: SerialSettings;
}

/** Emitted once per loss and once per recovery, never twice in a row. */
export interface PortRuntimeEvents {
  deviceLost: (port: number) => void;
  deviceBack: (port: number) => void;
}

/** One connection's view of the port's output. */
export interface PortAttachment {
  readonly queuedBytes: number;
  readonly droppedBytes: number;
  /** Stops output to this sink; idempotent. */
  detach(): void;
}

export interface PortRuntimeOptions {
  readonly port: number;
  readonly device: SerialDevice;
  readonly clock: Clock;
  /** History ring size (profile.historyBytes, SPEC §1). */
  readonly historyBytes: number;
  /** Per-connection queue bound (config connectionQueueBytes). */
  readonly queueBytes: number;
  /**
   * What a slow connection is told it missed (`bytes`, of which `inHistory` are still in this
   * port's history buffer); see bounded-output.ts for the default text.
   */
  readonly droppedNotice?: (bytes: number, inHistory: number) => string;
  /**
   * A connection back-pressured this long without a drain is reported stalled (config
   * `outputStallSeconds`); 0 or absent: never.
   */
  readonly stallMs?: number;
}

/**
 * Contract: a device that fails to open or goes away is retried and announced, never thrown;
 * `write` and `sendBreak` refuse as data while it is not open; `stop` ends retries and
 * attachments.
 */
export class PortRuntime {
  readonly port: number;
  private readonly device: SerialDevice;
  private readonly clock: Clock;
  private readonly ring: HistoryRing;
  /**
   * Replaced, never changed in place, on attach and detach: a sink may detach while the fan-out is
   * handing it a chunk (the SPC client does on the strip's OK), and the loop over the array it
   * started with must not skip the attachment after it. Attach and detach are rare; chunks are not.
   */
  private outputs: readonly BoundedOutput[] = [];
  private state: DeviceState = 'reopening';
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: Timer | null = null;
  private nextRetryAt: number | null = null;
  private lastError: string | null = null;
  /** Lost has been announced (deviceLost emitted) and deviceBack is owed. */
  private announcedLost = false;
  private started = false;
  private stopped = false;
  private rx = 0;
  private tx = 0;
  private dropped = 0;
  private errors = 0;
  private readonly events = new EventEmitter();
  private readonly countDropped = (bytes: number): void => {
    this.dropped += bytes;
  };
  /** Offsets in the port's output for the dropped-output notice (rx counts every byte read). */
  private readonly stream = {
    position: (): number => this.rx,
    heldFrom: (): number => this.rx - this.ring.length,
  };

  private readonly onData = (chunk: Buffer): void => {
    this.rx += chunk.length;
    this.ring.append(chunk);
    const outputs = this.outputs;
    for (let i = 0; i < outputs.length; i++) (outputs[i] as BoundedOutput).write(chunk);
  };

  private readonly onClose = (lost: boolean): void => {
    if (this.stopped || !lost || this.state !== 'open') return;
    this.lastError = 'device went away';
    this.becomeLost();
  };

  constructor(private readonly options: PortRuntimeOptions) {
    this.port = options.port;
    this.device = options.device;
    this.clock = options.clock;
    this.ring = new HistoryRing(options.historyBytes);
  }

  on<E extends keyof PortRuntimeEvents>(event: E, listener: PortRuntimeEvents[E]): this {
    this.events.on(event, listener);
    return this;
  }

  off<E extends keyof PortRuntimeEvents>(event: E, listener: PortRuntimeEvents[E]): this {
    this.events.off(event, listener);
    return this;
  }

  /** Starts holding the device: opens it now, or keeps trying with back-off. Idempotent. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.device.on('data', this.onData);
    this.device.on('close', this.onClose);
    void this.tryOpen();
  }

  /**
   * Output from now on goes to `sink` through a queue bounded by `queueBytes`. `onStalled` is
   * called once if the sink stays back-pressured for `stallMs` (the owner should cut it off).
   */
  attach(sink: OutputSink, onStalled?: () => void): PortAttachment {
    const stallMs = this.options.stallMs ?? 0;
    const output = new BoundedOutput(sink, {
      limitBytes: this.options.queueBytes, onDropped: this.countDropped, notice: this.options.droppedNotice,
      stream: this.stream,
      stall: onStalled !== undefined && stallMs > 0 ? { ms: stallMs, clock: this.clock, onStalled } : undefined,
    });
    this.outputs = [...this.outputs, output];
    return {
      get queuedBytes() { return output.queuedBytes; },
      get droppedBytes() { return output.droppedBytes; },
      detach: () => {
        output.close();
        this.outputs = this.outputs.filter((o) => o !== output);
      },
    };
  }

  /** Sends bytes to the device; false (and nothing sent) while the device is not open. */
  write(data: Buffer): boolean {
    if (this.state !== 'open' || !this.device.isOpen) return false;
    this.device.write(data);
    this.tx += data.length;
    return true;
  }

  /** Applies settings live; attachments stay. A closed device keeps them for its next open. */
  applySettings(settings: SerialSettings): Promise<ApplyResult> {
    return this.device.apply(settings);
  }

  sendBreak(ms: number): Promise<BreakResult> {
    if (this.state !== 'open') return Promise.resolve({ ok: false, reason: 'device unavailable' });
    return this.device.sendBreak(ms);
  }

  /** The inbound modem lines now (POWER=, issue 12); refused as data while the device is not open. */
  modemLines(): Promise<ModemLinesResult> {
    if (this.state !== 'open') return Promise.resolve({ ok: false, reason: 'device unavailable' });
    return this.device.modemLines();
  }

  /**
   * TOGGLE=DTR (issue 12): DTR low for `ms`, then high again, as the appliance hangs up the
   * device when a session ends. A device that went away meanwhile gets DTR at its next open.
   */
  async pulseDtr(ms: number): Promise<ControlResult> {
    if (this.state !== 'open') return { ok: false, reason: 'device unavailable' };
    const dropped = await this.device.setDtr(false);
    if (!dropped.ok) return dropped;
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, ms));
    if (this.state !== 'open') return { ok: true };
    return this.device.setDtr(true);
  }

  /** The history buffer's bytes, oldest first (a copy). */
  history(): Buffer {
    return this.ring.snapshot();
  }

  clearHistory(): void {
    this.ring.clear();
  }

  /** The port's session ended (SPEC §5); with HISTORY=CLEAR (read now) the history goes with it. */
  sessionEnded(history: HistoryOnSessionEnd): void {
    if (history === 'CLEAR') this.ring.clear();
  }

  status(): PortStatus {
    return {
      port: this.port,
      device: this.device.path,
      state: this.state,
      nextRetryAt: this.state === 'lost' ? this.nextRetryAt : null,
      lastError: this.lastError,
      rxBytes: this.rx,
      txBytes: this.tx,
      droppedBytes: this.dropped,
      errors: this.errors,
      attachments: this.outputs.length,
      historyBytes: this.ring.length,
      settings: this.device.settings,
    };
  }

  /** Lets go of the device and every attachment; no more retries. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const output of this.outputs) output.close();
    this.outputs = [];
    this.device.off('data', this.onData);
    this.device.off('close', this.onClose);
    await this.device.close();
  }

  private async tryOpen(): Promise<void> {
    this.state = 'reopening';
    this.retryTimer = null;
    this.nextRetryAt = null;
    try {
      await this.device.open();
    } catch (err) {
      if (this.stopped) return;
      this.lastError = err instanceof Error ? err.message : String(err);
      this.becomeLost();
      return;
    }
    if (this.stopped) {
      await this.device.close();
      return;
    }
    this.state = 'open';
    this.lastError = null;
    this.retryMs = FIRST_RETRY_MS;
    if (this.announcedLost) {
      this.announcedLost = false;
      this.events.emit('deviceBack', this.port);
    }
  }

  /** Schedules the next attempt (100 ms doubling to 5 s) and announces the loss once. */
  private becomeLost(): void {
    const wasOpen = this.state === 'open';
    this.errors += 1;
    this.state = 'lost';
    if (wasOpen) this.retryMs = FIRST_RETRY_MS;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.nextRetryAt = this.clock.now() + delay;
    this.retryTimer = this.clock.setTimeout(() => void this.tryOpen(), delay);
    if (!this.announcedLost) {
      this.announcedLost = true;
      this.events.emit('deviceLost', this.port);
    }
  }
}
