/**
 * Builds one port runtime per port of the profile (SPEC §1: ccmd owns every port from start-up to
 * shutdown) with its device (configured path, else the built-in simulated device of SPEC §8) and
 * its log file, and exposes each as a `PortHandle`.
 */
import { noticeText } from '../cli/notice-text.js';
import type { Config } from '../config/schema.js';
import type { Notice } from '../domain/notices.js';
import type { Profile } from '../domain/profile.js';
import type { Logger } from '../logger.js';
import type { PortSettings } from '../store/port-settings-repository.js';
import type { Store } from '../store/store.js';
import type { SerialDevice } from '../transports/serial/device.js';
import { SerialportDevice } from '../transports/serial/serialport-device.js';
import { SimulatedDevice } from '../transports/serial/simulated-device.js';
import { PowerStripDevice } from '../transports/serial/power-strip-device.js';
import type { Terminal } from '../transports/terminal.js';
import type { Clock } from './clock.js';
import type { PortOutput } from './login/login-services.js';
import type { PortHandle } from './port-handle.js';
import type { PortLog } from './port-log.js';
import { PortLogs } from './port-logs.js';
import { PortRuntime } from './port-runtime.js';
import { SpcClient } from './spc-client.js';
import type { PortLogMarks } from './session-recorder.js';

/** Every port of the profile, held from start-up until `stop()`. */
export interface PortHandles {
  readonly handles: readonly PortHandle[];
  readonly logMarks: PortLogMarks;
  onDeviceEvent(listener: (port: number, notice: Extract<Notice, { kind: 'deviceLost' | 'deviceBack' }>) => void): void;
  /** Ports whose device is not open now. */
  down(): number[];
  stop(): Promise<void>;
}

/** Issue 14: a slow connection is told, on a line of its own, what it missed and where it is. */
function droppedNoticeLine(port: number, bytes: number, inHistory: number): string {
  return `\r\n${noticeText({ kind: 'outputDropped', port, bytes, inHistory }, String)}\r\n`;
}

function serialOf(s: PortSettings) {
  return { baud: s.baud, dataBits: s.dataBits, parity: s.parity, stopBits: s.stopBits, flow: s.flow };
}

/**
 * A login's output from the port: hidden (dropped, not queued) while the user is in the CLI,
 * since the history buffer keeps it (SPEC §6 history mode).
 */
function visibleSink(terminal: Terminal) {
  let visible = true;
  return {
    sink: {
      write: (data: Buffer): boolean => (visible ? terminal.write(data) : true),
      on: (event: 'drain', listener: () => void) => terminal.on(event, listener),
      off: (event: 'drain', listener: () => void) => terminal.off(event, listener),
    },
    setVisible: (v: boolean) => { visible = v; },
  };
}

export function createPortHandles(opts: {
  profile: Profile; config: Config; store: Store; clock: Clock; logger: Logger; dataDir: string;
}): PortHandles {
  const { profile, config, store, clock, logger } = opts;
  const listeners: ((port: number, notice: Extract<Notice, { kind: 'deviceLost' | 'deviceBack' }>) => void)[] = [];
  const runtimes: PortRuntime[] = [];
  const handles: PortHandle[] = [];
  const settingsOf = (n: number): PortSettings => store.ports.current(n, config.ports[String(n)]);
  const logs = new PortLogs(opts.dataDir, profile.ports, clock, logger,
    (n) => config.portLogs.enabled && settingsOf(n).log, { maxBytes: config.portLogs.maxBytes, keep: config.portLogs.keep });
  for (let n = 1; n <= profile.ports; n++) {
    const configured = config.ports[String(n)];
    const settings = settingsOf(n);
    const device = deviceFor(n, configured, serialOf(settings), clock);
    const runtime = new PortRuntime({
      port: n, device, clock, historyBytes: profile.historyBytes, queueBytes: config.connectionQueueBytes,
      stallMs: config.outputStallSeconds * 1000,
      droppedNotice: (bytes, inHistory) => droppedNoticeLine(n, bytes, inHistory),
    });
    const log = logs.get(n) as PortLog;
    runtime.attach({ write: (chunk) => { log.write(chunk); return true; }, on: () => undefined, off: () => undefined });
    // SPEC §7 device lost / back: the daemon log, the port log, and whoever listens (the notices).
    const announce = (kind: 'deviceLost' | 'deviceBack', text: string, level: 'warn' | 'info') => (port: number) => {
      logger[level]({ port, device: device.path }, text);
      log.mark(text);
      for (const l of listeners) l(port, { kind, port });
    };
    runtime.on('deviceLost', announce('deviceLost', 'device lost', 'warn'));
    runtime.on('deviceBack', announce('deviceBack', 'device back', 'info'));
    runtime.start();
    runtimes.push(runtime);
    const onSessionEnd = {
      historyMode: () => store.server.get().cliHistory,
      toggleDtr: () => settingsOf(n).toggle === 'DTR',
      toggleFailed: (reason: string) => logger.info({ port: n, reason }, 'TOGGLE=DTR: DTR not toggled'),
    };
    handles.push(handleFor(runtime, log, onSessionEnd, config.portLogs.enabled, new SpcClient(runtime, clock)));
  }
  return {
    handles,
    logMarks: logs,
    onDeviceEvent: (listener) => { listeners.push(listener); },
    down: () => runtimes.filter((r) => r.status().state !== 'open').map((r) => r.port),
    async stop() {
      await Promise.allSettled(runtimes.map((r) => r.stop()));
      await logs.close();
    },
  };
}

/** Decided: DTR stays low this long on TOGGLE=DTR, as for a break (long enough for any modem or getty). */
export const DTR_DROP_MS = 500;

/** What a port does when its session ends (SPEC §6 HISTORY=, issue 12 TOGGLE=DTR), read at that moment. */
interface SessionEndRules {
  historyMode(): 'KEEP' | 'CLEAR';
  toggleDtr(): boolean;
  toggleFailed(reason: string): void;
}

/** The configured device path, the simulated power strip (issue 12), or the simulated console device (SPEC §8). */
function deviceFor(n: number, configured: Config['ports'][string] | undefined, serial: ReturnType<typeof serialOf>, clock: Clock): SerialDevice {
  if (configured?.device !== undefined) return new SerialportDevice(configured.device, serial, { clock });
  if (configured?.powerStrip !== undefined) {
    const { outlets, cycleSeconds } = configured.powerStrip;
    return new PowerStripDevice(n, { outlets, cycleMs: Math.round(cycleSeconds * 1000), clock }, serial);
  }
  return new SimulatedDevice(n, serial);
}

function handleFor(runtime: PortRuntime, log: PortLog, onSessionEnd: SessionEndRules, logsAllowed: boolean, spc: SpcClient): PortHandle {
  return {
    number: runtime.port,
    get available() { return runtime.status().state === 'open'; },
    status() {
      const s = runtime.status();
      return {
        state: s.state, device: s.device, rxBytes: s.rxBytes, txBytes: s.txBytes, droppedBytes: s.droppedBytes,
        errors: s.errors, nextRetryAt: s.nextRetryAt,
      };
    },
    async applySerial(settings) {
      log.setEnabled(logsAllowed && settings.log);
      const result = await runtime.applySettings(serialOf(settings));
      return { refused: result.refused.map((r) => `${r.setting}: ${r.reason}`) };
    },
    sendBreak: (ms) => runtime.sendBreak(ms),
    modemLines: () => runtime.modemLines(),
    outletRequest: (request) => spc.request(request),
    history: () => runtime.history(),
    clearHistory: () => runtime.clearHistory(),
    openOutput(terminal: Terminal, onStalled?: () => void): PortOutput {
      const view = visibleSink(terminal);
      const attachment = runtime.attach(view.sink, onStalled);
      return { setVisible: view.setVisible, close: () => attachment.detach() };
    },
    write: (data) => { runtime.write(data); },
    sessionEnded() {
      runtime.sessionEnded(onSessionEnd.historyMode());
      if (!onSessionEnd.toggleDtr()) return;
      void runtime.pulseDtr(DTR_DROP_MS).then((r) => { if (!r.ok) onSessionEnd.toggleFailed(r.reason); });
    },
    stop: () => runtime.stop(),
  };
}
