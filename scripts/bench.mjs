#!/usr/bin/env node
// ccmd's benchmark (issue 7): `npm run bench` (builds first). Starts ccmd from dist/ on socat pty
// pairs with a device simulator on the peers, measures, prints a table, and writes
// bench-results/bench-<date>.json. Loopback only; every loop is bounded; socat, the simulator
// and the daemon are killed at the end. Timings are reported against the targets,
// never asserted (this is not part of the test suite).
//   node scripts/bench.mjs [--only=keystrokes,fanout,stall,storm,ccm4850] [--cpu-prof] [--quick] [--no-port-logs] [--config=JSON]
//   [--node-args='--flag ...']  (node flags for the daemon)
// --cpu-prof writes the daemon's V8 CPU profiles to bench-results/profiles/ (summarise them with
// scripts/bench/profile-summary.mjs).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, cleanUpOnExit, killAll, makePtyPairs, startDaemon, startSimulator } from './bench/env.mjs';
import { ccm4850Load, loginStorm } from './bench/load.mjs';
import { fanOut, keystrokes, openReaders, stalledReader } from './bench/single-port.mjs';
import { settle } from './bench/stats.mjs';

const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice(7).split(',') : ['keystrokes', 'fanout', 'stall', 'storm', 'ccm4850']);
const quick = args.includes('--quick');
const profileDir = join(REPO, 'bench-results', 'profiles');
/**
 * Diagnosis: `--no-port-logs` runs with the per-port log files off (they are on by default);
 * `--config={...}` merges more JSON into the daemon's config.
 */
const configArg = args.find((a) => a.startsWith('--config='));
const extra = {
  ...(args.includes('--no-port-logs') ? { portLogs: { enabled: false, maxBytes: 1024 * 1024, keep: 5 } } : {}),
  ...(configArg ? JSON.parse(configArg.slice(9)) : {}),
};
const nodeArgsArg = args.find((a) => a.startsWith('--node-args='));
const nodeArgs = [
  ...(args.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ...(nodeArgsArg ? nodeArgsArg.slice(12).split(' ').filter(Boolean) : []),
];
const KEYSTROKES = 2000;
const FANOUT_SECONDS = quick ? 2 : 4;
const LOAD_SECONDS = quick ? 4 : 10;
const STORM_LOGINS = 200;
const MAX_CLI_LOGINS = 64; // config default (SPEC §9)
const FLOOR_PORT = 99;
/** The whole bench is bounded: past this it gives up, kills everything and says so. */
const OVERALL_LIMIT_MS = 5 * 60_000;

const step = (text) => process.stderr.write(`bench: ${text}\n`);

async function singlePortRun(dir, out) {
  const pairs = await makePtyPairs(dir, 2, 'a');
  const [floorPair] = await makePtyPairs(dir, 1, 'floor');
  const sim = startSimulator();
  await sim.call({ op: 'open', ports: [...pairs.map((p) => ({ port: p.port, path: p.peer })), { port: FLOOR_PORT, path: floorPair.peer }] });
  const daemon = await startDaemon({ dataDir: join(dir, 'data-1650'), profile: 'ccm1650', ports: pairs, nodeArgs, extra });
  try {
    if (only.has('keystrokes')) {
      step(`keystroke round trips (${KEYSTROKES} each: pty floor, Telnet, SSH)`);
      out.keystrokes = await keystrokes({ sim, daemon, floorPair: { ...floorPair, port: FLOOR_PORT }, port: 1, count: KEYSTROKES });
    }
    if (only.has('fanout') || only.has('stall')) {
      step('fan-out: port 2 flooding to 1 Telnet reader');
      const one = await openReaders(daemon, 2, 1);
      out.fanOut1 = await fanOut({ sim, daemon, port: 2, readers: one, seconds: FANOUT_SECONDS });
      await sim.call({ op: 'mode', ports: [2], mode: 'idle' });
      one[0].close();
      await settle(() => 0, 300);
      step('fan-out: port 2 flooding to 4 Telnet readers');
      const four = await openReaders(daemon, 2, 4);
      out.fanOut4 = await fanOut({ sim, daemon, port: 2, readers: four, seconds: FANOUT_SECONDS });
      if (only.has('stall')) {
        step('stalled reader: reader 4 stops reading');
        out.stall = await stalledReader({ sim, daemon, port: 2, readers: four, seconds: FANOUT_SECONDS });
      }
      await sim.call({ op: 'mode', ports: [2], mode: 'idle' });
      for (const c of four) c.close();
    }
    if (only.has('storm')) {
      step(`login storm: ${STORM_LOGINS} Telnet CLI logins at once`);
      out.storm = await loginStorm({ daemon, count: STORM_LOGINS, maxCliLogins: MAX_CLI_LOGINS });
    }
  } finally {
    await daemon.stop();
  }
}

async function ccm4850Run(dir, out) {
  const pairs = await makePtyPairs(dir, 48, 'b');
  const sim = startSimulator();
  await sim.call({ op: 'open', ports: pairs.map((p) => ({ port: p.port, path: p.peer })) });
  const daemon = await startDaemon({ dataDir: join(dir, 'data-4850'), profile: 'ccm4850', ports: pairs, nodeArgs, extra });
  try {
    step(`CCM4850: 48 ports at 115,200 baud to 2 sessions each, ${LOAD_SECONDS} s`);
    out.ccm4850 = await ccm4850Load({ sim, daemon, ports: 48, perPort: 2, seconds: LOAD_SECONDS });
  } finally {
    await daemon.stop();
  }
}

/** [metric, measured, target, met] rows for the table. */
function rows(r) {
  const t = [];
  const row = (name, value, target, met) => t.push([name, String(value), target, met === undefined ? '' : met ? 'yes' : 'NO']);
  if (r.keystrokes) {
    const { floor, telnet, ssh } = r.keystrokes;
    const fmt = (s) => `${s.p50} / ${s.p90} / ${s.p99}`;
    row('keystroke µs p50/p90/p99: raw pty (floor)', fmt(floor), '');
    row('keystroke µs p50/p90/p99: Telnet', fmt(telnet), 'p50 ≤ 300, p99 ≤ 1200', telnet.p50 <= 300 && telnet.p99 <= 1200);
    row('keystroke µs p50/p90/p99: SSH', fmt(ssh), 'p50 ≤ 500', ssh.p50 <= 500);
  }
  if (r.fanOut1) {
    row('fan-out 1 reader: MB/s', r.fanOut1.minClientMBs, '');
    row('fan-out 1 reader: CPU s/MB', r.fanOut1.cpuSecondsPerMB, '');
    row('fan-out 1 reader: V8 mark-compacts in the window', r.fanOut1.markCompacts, 'a few (tens: GC thrash)');
  }
  if (r.fanOut4) {
    row('fan-out 4 readers: MB/s each (min)', `${r.fanOut4.minClientMBs} [${r.fanOut4.perClientMBs.join(', ')}]`, '≥ 45', r.fanOut4.minClientMBs >= 45);
    row('fan-out 4 readers: CPU s/MB', r.fanOut4.cpuSecondsPerMB, '≤ 0.005', r.fanOut4.cpuSecondsPerMB <= 0.005);
    row('fan-out 4 readers: V8 mark-compacts in the window', r.fanOut4.markCompacts, '');
  }
  if (r.stall) {
    const st = r.stall;
    const mean = (w) => round1(w.perClientMBs.reduce((a, b) => a + b, 0) / w.perClientMBs.length);
    const kBps = (w) => Math.round(w.perClientBps.reduce((a, b) => a + b, 0) / w.perClientBps.length / 1000);
    row('stalled reader, paced 1 MB/s: others kB/s before → during', `${kBps(st.pacedBefore)} → ${kBps(st.pacedDuring)} (${st.pacedCostPercent}% cost)`, '< 1% cost', st.pacedCostPercent < 1);
    if (r.fanOut4) row('stalled reader, flood: others MB/s before → during', `${mean({ perClientMBs: r.fanOut4.perClientMBs.slice(0, 3) })} → ${mean(st.floodDuring)}`, '');
    row('stalled reader: RSS MB before → max during', `${st.rssBeforeMB} → ${st.rssMaxDuringMB}`, 'bounded');
    row('stalled reader: backlog KB on resume, dropped', `${st.stalledBacklogKB} KB, ${st.droppedNotice ?? 0} B dropped`, '');
  }
  if (r.ccm4850) {
    const c = r.ccm4850;
    row('CCM4850 96 sessions: CPU % of one core', c.cpuPercentOfOneCore, '≤ 8', c.cpuPercentOfOneCore <= 8);
    row('CCM4850 96 sessions: RSS MB (max)', c.rssMaxMB, '≤ 80', c.rssMaxMB <= 80);
    row('CCM4850: RSS MB before logins → after', `${c.rssBeforeLoginsMB} → ${c.rssIdleMB}`, '');
    row('CCM4850: sessions < 90% of 11,520 B/s', `${c.sessionsBelow90Percent} (min ${c.minSessionBps} B/s)`, '0', c.sessionsBelow90Percent === 0);
  }
  if (r.storm) {
    const s = r.storm;
    row('storm 200 logins: accepted / refused / errors', `${s.accepted} / ${s.refused} / ${s.errors + s.incorrect}`, `accepted ≤ ${MAX_CLI_LOGINS}`, s.limitRespected);
    row('storm: settled in ms (last accepted at)', `${s.settledMs} (${s.lastAcceptedMs})`, '≤ 3000', s.settledMs <= 3000);
    row('storm: fresh login afterwards, ms', s.probeLoginMs ?? 'no answer', 'answers', s.probeLoginMs !== null);
  }
  return t;
}

const round1 = (x) => Math.round(x * 10) / 10;

function printTable(table) {
  const head = ['measure', 'measured', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of table) console.log(line(r));
}

const dir = mkdtempSync(join(tmpdir(), 'ccmd-bench-'));
// Ctrl-C included: socat, the simulator and the daemon go, and so does the folder (issue 16).
cleanUpOnExit(() => rmSync(dir, { recursive: true, force: true }));
const results = {
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100), configExtra: extra, daemonNodeArgs: nodeArgs,
};
const guard = setTimeout(() => {
  step(`gave up after ${OVERALL_LIMIT_MS / 1000} s`);
  void killAll().finally(() => process.exit(1));
}, OVERALL_LIMIT_MS);
let failed = null;
try {
  if (nodeArgs.length > 0) mkdirSync(profileDir, { recursive: true });
  if (['keystrokes', 'fanout', 'stall', 'storm'].some((k) => only.has(k))) await singlePortRun(dir, results);
  if (only.has('ccm4850')) await ccm4850Run(dir, results);
} catch (err) {
  failed = err;
} finally {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(guard);
}
const table = rows(results);
results.table = table.map(([measure, measured, target, met]) => ({ measure, measured, target, met }));
printTable(table);
mkdirSync(join(REPO, 'bench-results'), { recursive: true });
const file = join(REPO, 'bench-results', `bench-${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: ${file}`);
if (failed) {
  console.error(`bench: failed: ${failed.stack ?? failed}`);
  process.exitCode = 1;
}
