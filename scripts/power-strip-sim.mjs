#!/usr/bin/env node
/**
 * A simulated power strip as its own process (issue 12), for the far end of a socat pty pair:
 *
 *   socat pty,raw,echo=0,link=/tmp/spc pty,raw,echo=0,link=/tmp/spc-strip &
 *   node scripts/power-strip-sim.mjs /tmp/spc-strip --outlets 8 --cycle-ms 5000
 *   # ccmd config: { "ports": { "16": { "device": "/tmp/spc", "td": "SPC" } } }
 *
 * It speaks the outlet protocol (src/protocol/outlet-protocol.ts) with the same strip the daemon
 * simulates in-process (src/transports/serial/power-strip.ts), from dist/ (`npm run build`).
 * `--silent` reads and never answers (a strip that is switched off or wired wrong).
 * Prints `ready` on stdout once the pty is open; exits on SIGTERM/SIGINT or when the pty goes.
 */
import { constants, openSync, writeSync } from 'node:fs';
import tty from 'node:tty';
import { realClock } from '../dist/runtime/clock.js';
import { PowerStrip } from '../dist/transports/serial/power-strip.js';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const path = process.argv[2];
if (path === undefined || path.startsWith('--')) {
  process.stderr.write('usage: power-strip-sim.mjs <pty path> [--outlets 8] [--cycle-ms 5000] [--silent]\n');
  process.exit(2);
}
const silent = process.argv.includes('--silent');
const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
const strip = new PowerStrip({
  outlets: option('--outlets', 8),
  cycleMs: option('--cycle-ms', 5000),
  clock: realClock,
  send: (bytes) => {
    try {
      writeSync(fd, bytes);
    } catch {
      process.exit(0);
    }
  },
});
const input = new tty.ReadStream(fd);
input.on('data', (chunk) => { if (!silent) strip.input(chunk); });
input.on('error', () => process.exit(0));
input.on('end', () => process.exit(0));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
process.stdout.write('ready\n');
