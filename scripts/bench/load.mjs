// Bench scenarios with many connections: the full CCM4850 load (48 ports at 115,200 baud to two
// sessions each) and a storm of 200 Telnet CLI logins at once.
import { ADMIN_PASSWORD, cpuSeconds, memoryMb } from './env.mjs';
import { TelnetClient } from './clients.mjs';
import { round, settle, sleep } from './stats.mjs';

/** 115,200 baud with 8N1 framing: 10 bits a byte on the line. */
export const BAUD_115200_BYTES_PER_SECOND = 11_520;
const LOGINS_AT_ONCE = 8;

/** Runs `task(i)` for 0..n-1 with at most `limit` at a time. */
async function inBatches(n, limit, task) {
  const results = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) { const i = next++; results[i] = await task(i); }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return results;
}

/**
 * Every port of the profile paced at 115,200 baud, each to `perPort` Telnet sessions, for
 * `seconds`: daemon CPU % of one core, RSS, and each session's rate against the line rate.
 */
export async function ccm4850Load({ sim, daemon, ports, perPort, seconds }) {
  const rssBeforeLogins = memoryMb(daemon.pid).rss;
  const clients = [];
  for (let round_ = 0; round_ < perPort; round_++) {
    const batch = await inBatches(ports, LOGINS_AT_ONCE, async (i) => {
      const c = await TelnetClient.open(daemon.telnet);
      await c.loginToPort(`Admin:${i + 1}`, ADMIN_PASSWORD, 30_000);
      return { port: i + 1, client: c };
    });
    clients.push(...batch);
  }
  await settle(() => clients.reduce((s, { client }) => s + client.bytes, 0), 300);
  for (const { client } of clients) client.countOnly();
  const all = Array.from({ length: ports }, (_, i) => i + 1);
  const idleRss = memoryMb(daemon.pid).rss;
  await sim.call({ op: 'mode', ports: all, mode: 'paced', bytesPerSecond: BAUD_115200_BYTES_PER_SECOND });
  await sleep(1000);
  const t0 = process.hrtime.bigint();
  const cpu0 = cpuSeconds(daemon.pid);
  const bytes0 = clients.map(({ client }) => client.bytes);
  const dev0 = (await sim.call({ op: 'counts' })).written;
  let rssMax = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) { rssMax = Math.max(rssMax, memoryMb(daemon.pid).rss); await sleep(250); }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds(daemon.pid) - cpu0;
  const bytes1 = clients.map(({ client }) => client.bytes);
  const dev1 = (await sim.call({ op: 'counts' })).written;
  await sim.call({ op: 'mode', ports: all, mode: 'idle' });
  const rates = clients.map((_, i) => (bytes1[i] - bytes0[i]) / secs);
  const deviceRates = all.map((p) => (dev1[p] - dev0[p]) / secs);
  const below = rates.filter((r) => r < 0.9 * BAUD_115200_BYTES_PER_SECOND).length;
  for (const { client } of clients) client.close();
  return {
    sessions: clients.length,
    seconds: round(secs, 2),
    cpuPercentOfOneCore: round((100 * cpu) / secs, 1),
    rssBeforeLoginsMB: round(rssBeforeLogins, 1),
    rssIdleMB: round(idleRss, 1),
    rssMaxMB: round(rssMax, 1),
    hwmMB: round(memoryMb(daemon.pid).hwm, 1),
    minSessionBps: Math.round(Math.min(...rates)),
    meanSessionBps: Math.round(rates.reduce((a, b) => a + b, 0) / rates.length),
    minDeviceBps: Math.round(Math.min(...deviceRates)),
    sessionsBelow90Percent: below,
  };
}

/**
 * `count` Telnet CLI logins at once: how many reached the `> ` prompt, how many were told
 * `Too many logins` (or closed), the time until every one had its answer, and whether the daemon
 * then still answered a fresh login promptly.
 */
export async function loginStorm({ daemon, count, maxCliLogins, timeoutMs = 20_000 }) {
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
  const outcomes = await Promise.all(Array.from({ length: count }, async () => {
    let client = null;
    try {
      client = await TelnetClient.open(daemon.telnet, timeoutMs);
      await client.answerLogin('Admin', ADMIN_PASSWORD, timeoutMs);
      const closed = client.closed.then(() => 'closed');
      const answer = client.expect(/> $|Too many logins|Login incorrect/, timeoutMs, 'an answer').then((t) =>
        (/> $/.test(t) ? 'accepted' : /Too many logins/.test(t) ? 'refused' : 'incorrect'));
      const kind = await Promise.race([answer, closed]);
      return { kind, ms: elapsed(), client };
    } catch (err) {
      return { kind: 'error', ms: elapsed(), error: String(err.message ?? err), client };
    }
  }));
  const settledMs = Math.max(...outcomes.map((o) => o.ms));
  const acceptedMs = outcomes.filter((o) => o.kind === 'accepted').map((o) => o.ms);
  const tally = (k) => outcomes.filter((o) => o.kind === k).length;
  // Still answering: a login straight to port 1 while the accepted CLI logins are still held.
  const probeStart = Date.now();
  let probeMs = null;
  try {
    const probe = await TelnetClient.open(daemon.telnet);
    await probe.loginToPort('Admin:1', ADMIN_PASSWORD, 10_000);
    probeMs = Date.now() - probeStart;
    probe.close();
  } catch { /* probeMs stays null: not answering */ }
  for (const o of outcomes) o.client?.close();
  const errors = outcomes.filter((o) => o.kind === 'error').slice(0, 3).map((o) => o.error);
  return {
    logins: count,
    accepted: tally('accepted'),
    refused: tally('refused') + tally('closed'),
    incorrect: tally('incorrect'),
    errors: tally('error'),
    errorSamples: errors,
    settledMs: Math.round(settledMs),
    lastAcceptedMs: acceptedMs.length > 0 ? Math.round(Math.max(...acceptedMs)) : null,
    limitRespected: tally('accepted') <= maxCliLogins,
    probeLoginMs: probeMs,
  };
}
