#!/usr/bin/env node
// Idle memory of the daemon at CCM4850 scale (issue 14): 48 socat pty ports, no clients.
// Prints VmRSS, RssAnon/RssFile and the V8 heap spaces (through --expose... no: from the process's
// own /proc files), after `--settle` seconds. Diagnosis only, not part of the test suite.
//   node scripts/measure-memory.mjs [--ports=48] [--settle=3] [--node-args='--flag ...'] [--hold]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, makePtyPairs, startDaemon } from './bench/env.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const ports = Number(arg('ports', '48'));
const settleS = Number(arg('settle', '3'));
const nodeArgs = arg('node-args', '').split(' ').filter(Boolean);

function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const mb = (key) => Math.round(kb(key) / 102.4) / 10;
  return { VmRSS: mb('VmRSS'), RssAnon: mb('RssAnon'), RssFile: mb('RssFile'), VmHWM: mb('VmHWM'), Threads: kb('Threads') };
}

const dir = mkdtempSync(join(tmpdir(), 'ccmd-mem-'));
try {
  const pairs = await makePtyPairs(dir, ports, 'p');
  const daemon = await startDaemon({ dataDir: join(dir, 'data'), profile: ports > 16 ? 'ccm4850' : 'ccm1650', ports: pairs, nodeArgs });
  await new Promise((r) => setTimeout(r, settleS * 1000));
  console.log(JSON.stringify({ ports, nodeArgs, ...status(daemon.pid) }));
  if (args.includes('--hold')) {
    console.log(`pid ${daemon.pid}; Ctrl-C to stop`);
    await new Promise((r) => process.once('SIGINT', r));
  }
  await daemon.stop();
} finally {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
}
