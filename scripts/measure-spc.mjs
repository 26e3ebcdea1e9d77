#!/usr/bin/env node
/**
 * SPC round trip (issue 12): 500 ON/OFF requests through the SPC client and a PortRuntime, to
 * the in-process simulated strip and, when a pty path is given, to scripts/power-strip-sim.mjs
 * on the far end of a socat pty. Needs dist/ (`npm run build`). Prints p50/p99/max in µs.
 *   socat pty,raw,echo=0,link=/tmp/spc pty,raw,echo=0,link=/tmp/spc-strip &
 *   node scripts/power-strip-sim.mjs /tmp/spc-strip & node scripts/measure-spc.mjs /tmp/spc
 */
import { PortRuntime } from '../dist/runtime/port-runtime.js';
import { SpcClient } from '../dist/runtime/spc-client.js';
import { SerialportDevice } from '../dist/transports/serial/serialport-device.js';
import { PowerStripDevice } from '../dist/transports/serial/power-strip-device.js';
import { realClock } from '../dist/runtime/clock.js';
async function measure(name, device) {
  const rt = new PortRuntime({ port: 1, device, clock: realClock, historyBytes: 65536, queueBytes: 65536 });
  rt.start();
  while (rt.status().state !== 'open') await new Promise((r) => setTimeout(r, 10));
  const spc = new SpcClient(rt, realClock);
  for (let i = 0; i < 20; i++) await spc.request({ kind: 'status', outlet: null });
  const t = [];
  for (let i = 0; i < 500; i++) { const s = process.hrtime.bigint(); const a = await spc.request({ kind: 'switch', action: i % 2 ? 'ON' : 'OFF', outlet: 1 + (i % 8) }); if (!a.ok) throw new Error(JSON.stringify(a)); t.push(Number(process.hrtime.bigint() - s) / 1e3); }
  t.sort((a, b) => a - b);
  console.log(name, 'n=500 p50', t[250].toFixed(0), 'us p99', t[495].toFixed(0), 'us max', t[499].toFixed(0), 'us');
  await rt.stop();
}
await measure('in-process strip', new PowerStripDevice(1, { outlets: 8, cycleMs: 300, clock: realClock }));
if (process.argv[2] !== undefined) await measure('socat pty + simulator process', new SerialportDevice(process.argv[2]));
