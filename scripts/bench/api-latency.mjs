#!/usr/bin/env node
// Issue 10 measures: GET /api/v1/sessions latency under 50 concurrent clients (bearer token,
// keep-alive), and the RSS the web server adds (the same daemon with webPort 0 vs on, idle).
// Run: npm run build && node scripts/bench/api-latency.mjs [seconds=10] [clients=50]
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, freePort, memoryMb, startDaemon } from './env.mjs';
import { percentile, round, settle, sleep } from './stats.mjs';

const seconds = Number(process.argv[2] ?? 10);
const clients = Number(process.argv[3] ?? 50);

function call(agent, port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function idleRss(web) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccmd-bench-api-'));
  const port = web ? await freePort() : 0;
  const daemon = await startDaemon({ dataDir, profile: 'ccm1650', ports: [], extra: { webPort: port } });
  await sleep(1500);
  await settle(() => memoryMb(daemon.pid).rss, 500, 5000);
  const rss = memoryMb(daemon.pid).rss;
  return { daemon, dataDir, port, rss };
}

const off = await idleRss(false);
await off.daemon.stop();
rmSync(off.dataDir, { recursive: true, force: true });
const on = await idleRss(true);
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const login = await call(agent, on.port, 'POST', '/api/v1/login', { 'content-type': 'application/json' },
  JSON.stringify({ user: 'Admin', password: ADMIN_PASSWORD }));
if (login.status !== 201) throw new Error(`login: ${login.status} ${login.body}`);
const auth = { authorization: `Bearer ${JSON.parse(login.body).token}` };
for (let i = 0; i < 200; i++) await call(agent, on.port, 'GET', '/api/v1/sessions', auth); // warm-up
const samples = [];
let errors = 0;
const until = Date.now() + seconds * 1000;
await Promise.all(Array.from({ length: clients }, async () => {
  while (Date.now() < until) {
    const t0 = process.hrtime.bigint();
    const res = await call(agent, on.port, 'GET', '/api/v1/sessions', auth);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) errors++;
  }
}));
const loadedRss = memoryMb(on.daemon.pid);
agent.destroy();
await on.daemon.stop();
rmSync(on.dataDir, { recursive: true, force: true });
console.log(JSON.stringify({
  'GET /api/v1/sessions': {
    clients, seconds, requests: samples.length, errors, perSecond: round(samples.length / seconds),
    p50ms: round(percentile(samples, 50), 2), p90ms: round(percentile(samples, 90), 2), p99ms: round(percentile(samples, 99), 2),
  },
  rssMb: { webOff: round(off.rss), webOnIdle: round(on.rss), addedByWeb: round(on.rss - off.rss), webOnAfterLoad: round(loadedRss.rss), hwmAfterLoad: round(loadedRss.hwm) },
}, null, 2));
