#!/usr/bin/env node
// Measures, with the REAL OpenSSH and telnet clients against the built daemon (`npm run build`):
//  - SSH login time: from starting `ssh` to the `> ` prompt (median of N logins, default 20);
//  - keystroke echo latency through Telnet and SSH to the simulated device of port 1: one key
//    typed, time until the device's echo appears at the client (p50/p99 over K keys, default 200).
// Each client runs under `script` (a pty), as a person's would. Timing is reported, never asserted.
//   node scripts/measure-login.mjs [logins=20] [keys=200]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [logins = 20, keys = 200] = process.argv.slice(2).map(Number);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(repo, 'dist', 'main.js');
const password = 'measure-pass1';
const dir = mkdtempSync(join(tmpdir(), 'ccmd-measure-'));

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function until(what, probe, ms) {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

async function startDaemon() {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ telnetPort: -1, sshPort: -1, portTelnetBase: 0, portSshBase: 0, webPort: 0 }));
  const child = spawn(process.execPath, [main, 'serve', '--config', config, '--data', dir], {
    env: { ...process.env, CCMD_ADMIN_PASSWORD: password, CCMD_LOG_LEVEL: 'warn' }, stdio: 'ignore',
  });
  const readyPath = join(dir, 'ccmd.ready.json');
  await until('the daemon', () => existsSync(readyPath), 30_000);
  return { child, ready: JSON.parse(readFileSync(readyPath, 'utf8')) };
}

/** A real client on a pty; `text()` is everything it printed. */
function client(command, env = {}) {
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, TERM: 'xterm', ...env } });
  let out = '';
  let wake = () => undefined;
  child.stdout.on('data', (c) => { out += c.toString('latin1'); wake(); });
  /** Resolves on the data event that makes `probe` true (no polling: latency stays exact). */
  const waitFor = (what, probe, ms) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    wake = () => {
      if (!probe()) return;
      clearTimeout(timer);
      wake = () => undefined;
      resolve();
    };
    wake();
  });
  return {
    text: () => out,
    send: (s) => child.stdin.write(s),
    waitFor,
    expect: (s, ms = 10_000) => waitFor(JSON.stringify(s), () => out.includes(s), ms),
    // QUIT ends the login, so the client exits by itself (`script` lingers 2 s on a signal).
    close: () => new Promise((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', r);
      child.stdin.write('\x04QUIT\r');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    }),
  };
}

const askpass = join(dir, 'askpass.sh');
writeFileSync(askpass, '#!/bin/sh\nprintf \'%s\\n\' "$CCMD_TEST_PASSWORD"\n', { mode: 0o700 });

function ssh(port) {
  return client(`ssh -F /dev/null -tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR `
    + `-o PubkeyAuthentication=no -p ${port} -l Admin 127.0.0.1`,
  { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', CCMD_TEST_PASSWORD: password });
}

async function telnet(port) {
  const c = client(`telnet 127.0.0.1 ${port}`);
  await c.expect('Username:');
  c.send('Admin\r');
  await c.expect('Password:');
  c.send(`${password}\r`);
  return c;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const f = (x) => `${x.toFixed(2)} ms`;
  return `n=${s.length} min ${f(s[0])} p50 ${f(percentile(s, 50))} p99 ${f(percentile(s, 99))} max ${f(s[s.length - 1])}`;
}

/** Types `keys` letters one at a time into a client connected to the simulated device. */
async function echoLatency(c) {
  c.send('CONNECT 1\r');
  await c.expect('Connection complete: port 1');
  const samples = [];
  for (let i = 0; i < keys; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    const from = c.text().length;
    const start = process.hrtime.bigint();
    c.send(key);
    await c.waitFor(`echo of ${key}`, () => c.text().indexOf(key, from) >= 0, 5000);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

const daemon = await startDaemon();
try {
  const loginTimes = [];
  for (let i = 0; i < logins; i++) {
    const start = process.hrtime.bigint();
    const c = ssh(daemon.ready.ssh);
    await c.expect('> ');
    loginTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    await c.close();
  }
  console.log(`ssh login to "> " (OpenSSH): ${summary(loginTimes)}`);

  const t = await telnet(daemon.ready.telnet);
  await t.expect('> ');
  console.log(`telnet keystroke echo via port 1: ${summary(await echoLatency(t))}`);
  await t.close();

  const s = ssh(daemon.ready.ssh);
  await s.expect('> ');
  console.log(`ssh keystroke echo via port 1:    ${summary(await echoLatency(s))}`);
  await s.close();
} finally {
  daemon.child.kill('SIGTERM');
  await new Promise((r) => daemon.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
