#!/usr/bin/env node
// Measures how fast bytes cross a socat pty pair, read three ways on the ccmd side:
// plain Node tty streams (the ceiling of the pty itself), the `serialport` package with its
// default 64 KiB read pool, and `serialport` with a larger pool. With `--runtime` (after
// `npm run build`) it also reads through ccmd's PortRuntime + SerialportDevice.
// Prints MB/s; timing is reported, never asserted.
//   node scripts/measure-pty.mjs [MiB=32] [--runtime]
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, openSync, constants, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tty from 'node:tty';
import { SerialPort } from 'serialport';

const mib = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 32);
const total = mib * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'ccmd-measure-'));

async function ptyPair(name) {
  const a = join(dir, `${name}-ccmd`);
  const b = join(dir, `${name}-dev`);
  const proc = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!(existsSync(a) && existsSync(b))) {
    if (Date.now() > deadline) throw new Error('socat did not make the links');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { a, b, kill: () => proc.kill() };
}

function peerWriter(path) {
  const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  const out = new tty.WriteStream(fd);
  // Node makes TTY write streams blocking; with the reader in this same process that deadlocks
  // as soon as the pty buffer fills, so switch the handle back to non-blocking.
  out._handle.setBlocking(false);
  return out;
}

/** Writes `total` bytes into `out` with back-pressure; resolves when `received()` reaches total. */
async function pump(out, received) {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const start = process.hrtime.bigint();
  let sent = 0;
  await new Promise((resolve) => {
    const more = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!out.write(chunk)) { out.once('drain', more); return; }
      }
    };
    more();
    const poll = setInterval(() => { if (received() >= total) { clearInterval(poll); resolve(); } }, 2);
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (total / 1e6 / seconds).toFixed(1);
}

async function viaTty() {
  const pair = await ptyPair('tty');
  const fd = openSync(pair.a, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  const input = new tty.ReadStream(fd);
  let got = 0;
  input.on('data', (d) => { got += d.length; });
  const out = peerWriter(pair.b);
  const rate = await pump(out, () => got);
  input.destroy(); out.destroy(); pair.kill();
  return rate;
}

async function viaSerialport(highWaterMark) {
  const pair = await ptyPair(`sp${highWaterMark}`);
  const port = new SerialPort({ path: pair.a, baudRate: 115200, autoOpen: false, highWaterMark });
  await new Promise((r, j) => port.open((e) => (e ? j(e) : r())));
  let got = 0;
  port.on('data', (d) => { got += d.length; });
  const out = peerWriter(pair.b);
  const rate = await pump(out, () => got);
  await new Promise((r) => port.close(() => r()));
  out.destroy(); pair.kill();
  return rate;
}

async function viaRuntime() {
  // The compiled daemon: `npm run build` writes dist/; CCMD_DIST points elsewhere if wanted.
  const dist = process.env.CCMD_DIST ? `file://${process.env.CCMD_DIST.replace(/\/?$/, '/')}` : new URL('../dist/', import.meta.url);
  const { PortRuntime } = await import(new URL('runtime/port-runtime.js', dist).href);
  const { SerialportDevice } = await import(new URL('transports/serial/serialport-device.js', dist).href);
  const { realClock } = await import(new URL('runtime/clock.js', dist).href);
  const pair = await ptyPair('runtime');
  const runtime = new PortRuntime({ port: 1, device: new SerialportDevice(pair.a), clock: realClock,
    historyBytes: 64 * 1024, queueBytes: 256 * 1024 });
  runtime.start();
  let got = 0;
  runtime.attach({ write: (d) => { got += d.length; return true; }, on: () => undefined, off: () => undefined });
  const deadline = Date.now() + 5000;
  while (runtime.status().state !== 'open') {
    if (Date.now() > deadline) throw new Error(`port did not open: ${runtime.status().lastError}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const out = peerWriter(pair.b);
  const rate = await pump(out, () => got);
  await runtime.stop(); out.destroy(); pair.kill();
  return rate;
}

try {
  console.log(`${mib} MiB through a socat pty pair, MB/s (1 MB = 10^6 bytes):`);
  console.log(`  plain Node tty streams        ${await viaTty()}`);
  console.log(`  serialport, 64 KiB read pool  ${await viaSerialport(64 * 1024)}`);
  console.log(`  serialport, 1 MiB read pool   ${await viaSerialport(1024 * 1024)}`);
  if (process.argv.includes('--runtime')) console.log(`  ccmd PortRuntime              ${await viaRuntime()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
