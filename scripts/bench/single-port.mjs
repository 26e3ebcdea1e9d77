// Bench scenarios on one port at a time: keystroke round trips (floor, Telnet, SSH), fan-out
// of a flooding port to 1 and 4 Telnet readers, and one stalled reader among 4.
import { ADMIN_PASSWORD, cpuSplit, memoryMb } from './env.mjs';
import { PtyClient, SshBenchClient, TelnetClient, keystrokeRoundTrips } from './clients.mjs';
import { latencySummary, round, settle, sleep } from './stats.mjs';

const MB = 1e6;

/** Round trips of `count` keystrokes: the raw pty pair, then through ccmd by Telnet and SSH. */
export async function keystrokes({ sim, daemon, floorPair, port, count }) {
  await sim.call({ op: 'mode', ports: [floorPair.port, port], mode: 'echo' });
  const floorClient = new PtyClient(floorPair.device);
  const floor = latencySummary(await keystrokeRoundTrips(floorClient, count));
  floorClient.close();

  const telnetClient = await TelnetClient.open(daemon.telnet);
  await telnetClient.loginToPort(`Admin:${port}`, ADMIN_PASSWORD);
  await settle(() => telnetClient.bytes, 200);
  telnetClient.countOnly();
  const telnet = latencySummary(await keystrokeRoundTrips(telnetClient, count));
  telnetClient.close();
  await telnetClient.closed;

  const sshClient = await SshBenchClient.open(daemon.ssh, `Admin:${port}`, ADMIN_PASSWORD);
  await settle(() => sshClient.bytes, 200);
  sshClient.countOnly();
  const ssh = latencySummary(await keystrokeRoundTrips(sshClient, count));
  sshClient.close();
  await sim.call({ op: 'mode', ports: [floorPair.port, port], mode: 'idle' });
  return { floor, telnet, ssh };
}

/** Logs `n` Telnet readers into `port` (sharing it), ready to count. */
export async function openReaders(daemon, port, n) {
  const readers = [];
  for (let i = 0; i < n; i++) {
    const c = await TelnetClient.open(daemon.telnet);
    await c.loginToPort(`Admin:${port}`, ADMIN_PASSWORD);
    readers.push(c);
  }
  // Later joiners' notices reach the earlier readers; wait for quiet before counting.
  await settle(() => readers.reduce((s, c) => s + c.bytes, 0), 200);
  for (const c of readers) c.countOnly();
  return readers;
}

/** Byte counts, daemon CPU and device output over a window of `seconds`. */
async function window(sim, daemon, port, readers, seconds, during = async () => undefined) {
  const before = { t: process.hrtime.bigint(), cpu: cpuSplit(daemon.pid), bytes: readers.map((c) => c.bytes),
    device: (await sim.call({ op: 'counts' })).written[port], markCompacts: daemon.markCompacts() };
  const extra = await during(seconds);
  if (extra === undefined) await sleep(seconds * 1000);
  const after = { t: process.hrtime.bigint(), cpu: cpuSplit(daemon.pid), bytes: readers.map((c) => c.bytes),
    device: (await sim.call({ op: 'counts' })).written[port], markCompacts: daemon.markCompacts() };
  const secs = Number(after.t - before.t) / 1e9;
  const perClient = readers.map((c, i) => (after.bytes[i] - before.bytes[i]) / MB / secs);
  const deviceMb = (after.device - before.device) / MB;
  const user = after.cpu.user - before.cpu.user;
  const system = after.cpu.system - before.cpu.system;
  const cpu = user + system;
  return {
    seconds: round(secs, 2),
    perClientMBs: perClient.map((x) => round(x, 1)),
    perClientBps: perClient.map((x) => Math.round(x * MB)),
    minClientMBs: round(Math.min(...perClient), 1),
    deviceMBs: round(deviceMb / secs, 1),
    cpuSecondsPerMB: round(cpu / deviceMb, 5),
    userSecondsPerMB: round(user / deviceMb, 5),
    systemSecondsPerMB: round(system / deviceMb, 5),
    cpuPercent: round((100 * cpu) / secs, 1),
    markCompacts: after.markCompacts - before.markCompacts,
    extra,
  };
}

/** One port flooding to `readers` (already logged in); leaves the flood running. */
export async function fanOut({ sim, daemon, port, readers, seconds }) {
  await sim.call({ op: 'mode', ports: [port], mode: 'flood' });
  await sleep(500);
  return window(sim, daemon, port, readers, seconds);
}

/** Device rate for the paced half of the stall test: well within what every reader can take. */
export const STALL_PACED_BYTES_PER_SECOND = 1_000_000;

/** Samples the daemon's RSS every 200 ms for `seconds`; resolves with the highest (MB). */
async function sampleRss(daemon, seconds) {
  let max = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) { max = Math.max(max, memoryMb(daemon.pid).rss); await sleep(200); }
  return max;
}

/**
 * One of 4 readers stops reading. Paced at 1 MB/s (every reader can keep up): the other three's
 * rate before and during the stall, which should not move. Flooding: the other three's rate
 * during the stall (compare with fan-out to 4). The daemon's RSS before and during, and what the
 * stalled reader gets once it reads again (its backlog, the dropped-output notice).
 */
export async function stalledReader({ sim, daemon, port, readers, seconds }) {
  const [stalled, ...others] = [readers[3], ...readers.slice(0, 3)];
  await sim.call({ op: 'mode', ports: [port], mode: 'paced', bytesPerSecond: STALL_PACED_BYTES_PER_SECOND });
  await sleep(1000);
  const pacedBefore = await window(sim, daemon, port, others, seconds);
  const rssBefore = memoryMb(daemon.pid).rss;
  stalled.socket.pause();
  await sleep(1000);
  let rssMax = 0;
  const pacedDuring = await window(sim, daemon, port, others, seconds, async (secs) => { rssMax = await sampleRss(daemon, secs); return null; });
  await sim.call({ op: 'mode', ports: [port], mode: 'flood' });
  await sleep(500);
  const floodDuring = await window(sim, daemon, port, others, seconds, async (secs) => {
    rssMax = Math.max(rssMax, await sampleRss(daemon, secs));
    return null;
  });
  await sim.call({ op: 'mode', ports: [port], mode: 'idle' });
  await settle(() => others.reduce((sum, c) => sum + c.bytes, 0), 300);
  const stalledBefore = stalled.bytes;
  stalled.text = '';
  stalled.socket.resume();
  await settle(() => stalled.bytes, 300);
  const notice = /\[ccmd\] (\d+) bytes of port output dropped/.exec(stalled.text ?? '');
  const mean = (w) => w.perClientBps.reduce((a, b) => a + b, 0) / w.perClientBps.length;
  return {
    pacedBefore,
    pacedDuring,
    floodDuring,
    pacedCostPercent: round(100 * (1 - mean(pacedDuring) / mean(pacedBefore)), 2),
    rssBeforeMB: round(rssBefore, 1),
    rssMaxDuringMB: round(rssMax, 1),
    stalledBacklogKB: round((stalled.bytes - stalledBefore) / 1024, 0),
    droppedNotice: notice ? Number(notice[1]) : null,
  };
}
