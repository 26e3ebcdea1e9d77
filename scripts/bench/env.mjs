// The bench's surroundings: socat pty pairs, the device simulator process, the daemon process
// (seeded with the real store before it starts), and /proc readings of the daemon.
// Everything started here is recorded in `started` and killed by `killAll()`.
import { fork, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ADMIN_PASSWORD = 'bench-admin-pw1';
const CLK_TCK = 100; // getconf CLK_TCK on Linux

/** @type {Set<import('node:child_process').ChildProcess>} */
const started = new Set();

export async function waitUntil(what, probe, timeoutMs, stepMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** `count` socat pty pairs under `dir`: `device` is what ccmd opens, `peer` what the simulator drives. */
export async function makePtyPairs(dir, count, prefix = 'p') {
  const pairs = [];
  for (let n = 1; n <= count; n++) {
    const device = join(dir, `${prefix}${n}`);
    const peer = join(dir, `${prefix}${n}-peer`);
    const proc = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${peer}`], { stdio: 'ignore' });
    started.add(proc);
    proc.once('exit', () => started.delete(proc));
    pairs.push({ port: n, device, peer, proc });
  }
  await waitUntil('socat links', () => pairs.every((p) => existsSync(p.device) && existsSync(p.peer)), 10_000);
  return pairs;
}

/** Forks the device simulator; `call(msg)` resolves with its answer. */
export function startSimulator() {
  const child = fork(join(REPO, 'scripts', 'bench', 'device-sim.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let queue = Promise.resolve();
  const call = (msg) => {
    const answer = queue.then(() => new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`simulator did not answer ${msg.op}`)), 10_000);
      child.once('message', (m) => { clearTimeout(timer); res(m); });
      child.send(msg);
    }));
    queue = answer.catch(() => undefined);
    return answer;
  };
  return { child, call, pid: child.pid };
}

/** A TCP port that was free a moment ago (the daemon's listener 0 means "off"). */
export function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

/** Seeds the data dir with the real store: share AUTO so same-level logins can share a port (SPEC §4). */
export async function seedStore(dataDir, profile) {
  const { openStore } = await import(join(REPO, 'dist', 'store', 'store.js'));
  const limits = profile === 'ccm4850' ? { maxUsers: 64, groupsPerUser: 48 } : { maxUsers: 64, groupsPerUser: 16 };
  const store = openStore(dataDir, limits);
  store.server.set({ share: 'AUTO' });
  store.close();
}

/**
 * Starts `node dist/main.js serve` on `dataDir` with `config` (ports → devices) and resolves
 * with {pid, telnet, ssh, child, stop, log, markCompacts}: markCompacts() counts V8's full collections so far. `nodeArgs` go before the script (e.g. --cpu-prof).
 */
export async function startDaemon({ dataDir, profile, ports, nodeArgs = [], extra = {} }) {
  await seedStore(dataDir, profile);
  const telnet = await freePort();
  const ssh = await freePort();
  const config = {
    profile, dataDir, telnetPort: telnet, sshPort: ssh, portTelnetBase: 0, portSshBase: 0, webPort: 0,
    ports: Object.fromEntries(ports.map((p) => [String(p.port), { device: p.device, baud: 115200 }])),
    ...extra,
  };
  const configFile = join(dataDir, 'bench-config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const readyPath = join(dataDir, 'ccmd.ready.json');
  rmSync(readyPath, { force: true });
  let log = '';
  // --trace-gc prints one line per collection on stdout (the daemon's own log is on stderr at
  // warn): counting the mark-compacts shows GC thrash, which doubled fan-out's CPU per MB in some
  // runs before src/heap-tuning.ts raised the old generation's growing factor (issue 14).
  const child = spawn(process.execPath, ['--trace-gc', ...nodeArgs, join(REPO, 'dist', 'main.js'), 'serve', '--config', configFile, '--data', dataDir], {
    cwd: dataDir,
    env: { ...process.env, CCMD_ADMIN_PASSWORD: ADMIN_PASSWORD, CCMD_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markCompacts = 0;
  let gcPartial = '';
  child.stdout.on('data', (d) => {
    const lines = (gcPartial + d.toString()).split('\n');
    gcPartial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('Mark-Compact')) markCompacts++;
  });
  started.add(child);
  const exited = new Promise((r) => child.once('exit', (code, signal) => { started.delete(child); r(code ?? signal); }));
  child.stderr.on('data', (d) => { log = (log + d.toString()).slice(-20_000); });
  await waitUntil('the daemon to be ready', () => {
    if (child.exitCode !== null) throw new Error(`daemon exited ${child.exitCode}: ${log}`);
    if (!existsSync(readyPath)) return false;
    return JSON.parse(readFileSync(readyPath, 'utf8')).pid === child.pid;
  }, 30_000, 25);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
  };
  return { pid: child.pid, telnet, ssh, child, stop, log: () => log, markCompacts: () => markCompacts };
}

/** utime+stime of `pid` in seconds (all its threads: libuv's thread pool included). */
export function cpuSeconds(pid) {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** utime and stime of `pid` in seconds. */
export function cpuSplit(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
}

/** {rss, hwm} of `pid` in MB (10^6 bytes). */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024 / 1e6, hwm: kb('VmHWM') * 1024 / 1e6 };
}

/**
 * Issue 16: nothing the bench started outlives it. Ctrl-C (SIGINT), SIGTERM and SIGHUP kill
 * everything (killAll), run `onInterrupt` (the caller's clean-up, e.g. removing its temporary
 * folder) and exit 130; whatever is still running when the process exits any other way is sent
 * SIGKILL on the way out.
 */
export function cleanUpOnExit(onInterrupt = () => undefined) {
  let interrupted = false;
  const interrupt = (signal) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`bench: ${signal}: stopping everything it started\n`);
    void killAll().finally(() => {
      try {
        onInterrupt();
      } finally {
        process.exit(130);
      }
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, interrupt);
  process.on('exit', () => {
    for (const proc of started) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
}

/** Kills everything this module started (socat, simulator, daemon), SIGKILL after 2 s. */
export async function killAll() {
  const waits = [...started].map((proc) => new Promise((r) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return r();
    const hard = setTimeout(() => proc.kill('SIGKILL'), 2000);
    proc.once('exit', () => { clearTimeout(hard); r(); });
    proc.kill('SIGTERM');
  }));
  await Promise.all(waits);
}
