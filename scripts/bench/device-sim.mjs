// The devices behind the bench's socat pty pairs, in a process of their own (started with
// `fork`, driven over IPC) so that device work does not share an event loop with the clients
// being timed. Each port is one pty peer; its mode is one of:
//   echo   every byte read is written back (keystroke round trips)
//   flood  64 KiB chunks written as fast as the pty takes them (fan-out throughput)
//   paced  printable lines at `bytesPerSecond` (the CCM4850 load), topped up every 10 ms
//   idle   input read and dropped, nothing written
// Messages in:  {op:'open', ports:[{port, path}]} {op:'mode', ports:[n...], mode, bytesPerSecond?}
//               {op:'counts'} {op:'exit'}
// Messages out: {op:'opened'} {op:'moded'} {op:'counts', written:{n: bytes}, read:{n: bytes}}
import { constants, openSync } from 'node:fs';
import tty from 'node:tty';

const FLOOD_CHUNK = Buffer.alloc(64 * 1024, 'flood-text 0123456789 abcdefghijklmnopqrstuvwxyz\r\n');
/** A long printable line source for paced writes; slices of it are written. */
const PACED_TEXT = Buffer.from('paced 115200 baud line 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz\r\n'.repeat(64));
const PACE_TICK_MS = 10;

/** @type {Map<number, {input: tty.ReadStream, output: tty.WriteStream, mode: string, written: number, read: number, rate: number, pacedSince: bigint, pacedSent: number, flooding: boolean, offset: number}>} */
const ports = new Map();
let paceTimer = null;

function openPort(port, path) {
  // One descriptor per direction: libuv watches each descriptor with one handle only.
  const flags = constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK;
  const input = new tty.ReadStream(openSync(path, flags));
  const output = new tty.WriteStream(openSync(path, flags));
  // Node makes tty write streams blocking; a blocked write would stall every other port here.
  output._handle.setBlocking(false);
  const state = { input, output, mode: 'idle', written: 0, read: 0, rate: 0, pacedSince: 0n, pacedSent: 0, flooding: false, offset: 0 };
  input.on('data', (chunk) => {
    state.read += chunk.length;
    if (state.mode === 'echo') {
      state.written += chunk.length;
      output.write(chunk);
    }
  });
  input.on('error', () => undefined);
  output.on('error', () => undefined);
  ports.set(port, state);
}

function flood(state) {
  if (state.flooding) return;
  state.flooding = true;
  const more = () => {
    while (state.mode === 'flood') {
      state.written += FLOOD_CHUNK.length;
      if (!state.output.write(FLOOD_CHUNK)) { state.output.once('drain', more); return; }
    }
    state.flooding = false;
  };
  more();
}

function paceTick() {
  const now = process.hrtime.bigint();
  for (const state of ports.values()) {
    if (state.mode !== 'paced') continue;
    const due = Math.floor(Number(now - state.pacedSince) / 1e9 * state.rate) - state.pacedSent;
    // A port whose pty is full does not pile up writes here: what the line cannot take is skipped,
    // as a real UART at this baud rate would not send faster to catch up either.
    if (due <= 0 || state.output.writableLength > 64 * 1024) continue;
    let left = due;
    while (left > 0) {
      const n = Math.min(left, PACED_TEXT.length - state.offset);
      state.output.write(PACED_TEXT.subarray(state.offset, state.offset + n));
      state.offset = (state.offset + n) % PACED_TEXT.length;
      left -= n;
    }
    state.pacedSent += due;
    state.written += due;
  }
}

function setMode(list, mode, bytesPerSecond) {
  for (const port of list) {
    const state = ports.get(port);
    if (!state) continue;
    state.mode = mode;
    if (mode === 'flood') flood(state);
    if (mode === 'paced') {
      state.rate = bytesPerSecond;
      state.pacedSince = process.hrtime.bigint();
      state.pacedSent = 0;
    }
  }
  const anyPaced = [...ports.values()].some((s) => s.mode === 'paced');
  if (anyPaced && paceTimer === null) paceTimer = setInterval(paceTick, PACE_TICK_MS);
  if (!anyPaced && paceTimer !== null) { clearInterval(paceTimer); paceTimer = null; }
}

process.on('message', (msg) => {
  switch (msg.op) {
    case 'open':
      for (const { port, path } of msg.ports) openPort(port, path);
      process.send({ op: 'opened' });
      break;
    case 'mode':
      setMode(msg.ports, msg.mode, msg.bytesPerSecond ?? 0);
      process.send({ op: 'moded' });
      break;
    case 'counts': {
      const written = {};
      const read = {};
      for (const [port, s] of ports) { written[port] = s.written; read[port] = s.read; }
      process.send({ op: 'counts', written, read });
      break;
    }
    case 'exit':
      process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
