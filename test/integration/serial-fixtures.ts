/**
 * Shared pieces of the serial integration tests: a PortRuntime over a real socat pty, sinks that
 * collect or stall, and a back-pressured writer for the device's end.
 */
import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import type { OutputSink } from '../../src/runtime/bounded-output.js';
import { realClock } from '../../src/runtime/clock.js';
import { PortRuntime } from '../../src/runtime/port-runtime.js';
import type { SerialDevice } from '../../src/transports/serial/device.js';
import { SerialportDevice } from '../../src/transports/serial/serialport-device.js';

export const HISTORY_BYTES = 64 * 1024;
export const QUEUE_BYTES = 256 * 1024;

export function startPort(device: SerialDevice | string, port = 1): PortRuntime {
  const runtime = new PortRuntime({
    port, clock: realClock, historyBytes: HISTORY_BYTES, queueBytes: QUEUE_BYTES,
    device: typeof device === 'string' ? new SerialportDevice(device) : device,
  });
  runtime.start();
  return runtime;
}

/** Keeps every chunk; `stalled` makes it answer false forever and never drain. */
export class CollectingSink extends EventEmitter implements OutputSink {
  readonly chunks: Buffer[] = [];
  bytes = 0;
  constructor(private readonly stalled = false) { super(); }
  write(data: Buffer): boolean {
    this.chunks.push(data);
    this.bytes += data.length;
    return !this.stalled;
  }
  all(): Buffer { return Buffer.concat(this.chunks); }
  text(): string { return this.all().toString('latin1'); }
}

/** Writes `data` in 16 KiB pieces, honouring back-pressure; resolves when all is handed over. */
export async function pump(out: Writable, data: Buffer): Promise<void> {
  for (let at = 0; at < data.length; at += 16 * 1024) {
    if (!out.write(data.subarray(at, at + 16 * 1024))) {
      await new Promise((resolve) => out.once('drain', resolve));
    }
  }
}

/** Everything the peer stream has said so far, as one growing buffer. */
export function collect(stream: NodeJS.ReadableStream): { text(): string } {
  const chunks: Buffer[] = [];
  stream.on('data', (d: Buffer) => chunks.push(d));
  return { text: () => Buffer.concat(chunks).toString('latin1') };
}
