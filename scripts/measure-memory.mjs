#!/usr/bin/env node
// Idle memory of the daemon at CCM4850 scale (issue 14): 48 socat pty ports, no clients.
// Prints VmRSS, RssAnon/RssFile and the V8 heap spaces (through --expose... no: from the process's
// own /proc files), after `--settle` seconds. Diagnosis only, not part of the test suite.
//   node scripts/measure-memory.mjs [--ports=48] [--settle=3] [--node-args='--flag ...'] [--config=JSON]
//     [--logins=N] [--hold]
// --logins: then N Telnet logins straight to ports (Admin:<n>, 8 at a time), measured again once
// they are all attached (the memory a login leaves behind: sessions, scrypt, buffers).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelnetClient } from './bench/clients.mjs';
import { ADMIN_PASSWORD, killAll, makePtyPairs, startDaemon } from './bench/env.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const ports = Number(arg('ports', '48'));
const settleS = Number(arg('settle', '3'));
const nodeArgs = arg('node-args', '').split(' ').filter(Boolean);
const extra = JSON.parse(arg('config', '{}'));

function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const mb = (key) => Math.round(kb(key) / 102.4) / 10;
  return { VmRSS: mb('VmRSS'), RssAnon: mb('RssAnon'), RssFile: mb('RssFile'), VmHWM: mb('VmHWM'), Threads: kb('Threads') };
}

const dir = mkdtempSync(join(tmpdir(), 'ccmd-mem-'));
try {
  const pairs = await makePtyPairs(dir, ports, 'p');
  const daemon = await startDaemon({ dataDir: join(dir, 'data'), profile: ports > 16 ? 'ccm4850' : 'ccm1650', ports: pairs, nodeArgs, extra });
  await new Promise((r) => setTimeout(r, settleS * 1000));
  console.log(JSON.stringify({ ports, nodeArgs, extra, ...status(daemon.pid) }));
  const logins = Number(arg('logins', '0'));
  const clients = [];
  for (let i = 0; i < logins; i += 8) {
    clients.push(...await Promise.all(Array.from({ length: Math.min(8, logins - i) }, async (_, k) => {
      const c = await TelnetClient.open(daemon.telnet);
      await c.loginToPort(`Admin:${((i + k) % ports) + 1}`, ADMIN_PASSWORD, 30_000);
      c.countOnly();
      return c;
    })));
  }
  if (logins > 0) {
    await new Promise((r) => setTimeout(r, settleS * 1000));
    console.log(JSON.stringify({ logins, ...status(daemon.pid) }));
  }
  if (args.includes('--hold')) {
    console.log(`pid ${daemon.pid}; Ctrl-C to stop`);
    await new Promise((r) => process.once('SIGINT', r));
  }
  await daemon.stop();
} finally {
  await killAll();
  rmSync(dir, { recursive: true, force: true });
}
