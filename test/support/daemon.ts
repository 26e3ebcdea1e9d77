/**
 * Starts the real daemon (`node dist/main.js serve`) in a temporary data directory with every
 * listener on an ephemeral port (config -1), and reads back the ports it bound from
 * `<data dir>/ccmd.ready.json`. `npm test` builds `dist/` first (pretest).
 *
 * Use:
 * ```ts
 * let daemon: DaemonProcess;
 * beforeAll(async () => { daemon = await startDaemon({ profile: 'ccm850' }); });
 * afterAll(() => daemon.stop());      // SIGTERM; fails unless it exits 0 with a clean log
 * ```
 * Every daemon a test file starts must be stopped (or killed) by it: one still running after the
 * file's last hook fails the file (issue 16, run-registry.ts). A data dir the harness made is
 * removed after the file when its tests passed, kept and printed when one failed; a `dataDir`
 * passed in is the caller's (make it with `makeTempDir` to get the same treatment).
 *
 * Checks that fail the test (issue 13): after each test, any line the daemon logged at error
 * level (pino JSON `level` >= 50) that the test did not declare with `allowErrors`, and a daemon
 * that exited without being asked; on `stop()`, an exit code other than 0 after SIGTERM (or no
 * exit within STOP_MS). The run sets CCMD_CHECK_INVARIANTS=1 (global-setup.ts), so a broken
 * broker invariant is such an error line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, vi } from 'vitest';
import { execOnDaemon } from '../../src/host-cli/control-client.js';
import type { ExecReply } from '../../src/transports/control-protocol.js';
import { makeTempDir, registerProcess } from './run-registry.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = join(REPO, 'dist', 'main.js');
export const ADMIN_PASSWORD = 'admin-secret1';

/** The appliance MAC every test daemon gets (config `applianceMac`), so default port names are known. */
export const TEST_MAC = '02:00:00:cc:0d:00';

/** Port n's default name on a test daemon (issue 12 item 10: the manual's xx-xx-xx-Pn). */
export function portLabel(n: number): string {
  return `CC-0D-00-P${n}`;
}

export interface ReadyFile {
  readonly pid: number;
  readonly telnet: number;
  readonly ssh: number;
  /** Port number → listening TCP port. */
  readonly portTelnet: Record<string, number>;
  readonly portSsh: Record<string, number>;
  /** The web listener (SPEC §10); 0 when off (the default here, see `DaemonOptions.web`). */
  readonly web: number;
}

export interface DaemonProcess {
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly ready: ReadyFile;
  /** Everything the daemon wrote to stderr (its JSON log). */
  readonly log: () => string;
  /** The log records at error level or above (pino `level` >= 50), parsed. */
  readonly errorRecords: () => readonly LogRecord[];
  exec(line: string, json?: boolean): Promise<ExecReply>;
  /** Runs `node dist/main.js <args>` against this daemon's data dir. */
  cli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Sends `signal` (default SIGKILL) and waits for the exit; no exit-code check. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * SIGTERM, then waits for the exit; throws when the exit code is not 0, the daemon needed
   * more than STOP_MS, or it logged an error the test did not allow. Idempotent. The data dir
   * stays until the test file ends (`keepData` is accepted for older callers and changes nothing).
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** One pino JSON log line. */
export interface LogRecord {
  readonly level: number;
  readonly msg?: string;
  readonly [key: string]: unknown;
}

/** pino's `error` level: a record at this level or above fails the test. */
export const ERROR_LEVEL = 50;
/** How long a daemon may take to stop after SIGTERM before it counts as hung. */
const STOP_MS = 10_000;

export interface DaemonOptions {
  readonly dataDir?: string;
  readonly config?: Record<string, unknown>;
  readonly profile?: string;
  /** Per-port listeners: off unless asked (they bind 2 × ports TCP ports). */
  readonly portListeners?: boolean;
  /** The web listener (SPEC §10: /healthz, /metrics, /api/v1, pages): off unless asked. */
  readonly web?: boolean;
  readonly env?: Record<string, string>;
  /**
   * Error-level log messages this test provokes on purpose (matched against `msg`), e.g. a port
   * log on a read-only folder. Anything else at error level fails the test.
   */
  readonly allowErrors?: readonly RegExp[];
}

interface Watched {
  daemon: DaemonProcess;
  allowErrors: readonly RegExp[];
  /** Error records already reported or checked. */
  checked: number;
  /** stop() or kill() was called: an exit is expected. */
  asked: boolean;
}

/** The daemons this test file started (module state: one copy per test file). */
const watched: Watched[] = [];

/** Tests (full names) that have ended: a daemon one of them was still starting is killed. */
const finishedTests = new Set<string>();

/** Host CLI runs (`runCli`) not yet finished. */
const cliRuns = new Set<ChildProcess>();

// A CLI run nobody waited for to the end (its test timed out or failed) must not outlive the
// file. Not after each test: tests may run concurrently (describe.concurrent) and share none.
afterAll(() => {
  for (const child of cliRuns) child.kill('SIGKILL');
});

// Registered on import, so every test file that starts daemons gets the checks.
afterEach(() => {
  const test = expect.getState().currentTestName;
  if (test !== undefined) finishedTests.add(test);
  const problems = watched.flatMap(problemsOf);
  if (problems.length > 0) throw new Error(problems.join('\n\n'));
});

/**
 * What the after-each check would fail the test for, now (error-level lines not allowed, an exit
 * nobody asked for); each problem is reported once, so a test that expects one can take it here.
 */
export function takeDaemonProblems(daemon: DaemonProcess): string[] {
  const w = watched.find((x) => x.daemon === daemon);
  if (w === undefined) throw new Error('not a daemon this test file started');
  return problemsOf(w);
}

function problemsOf(w: Watched): string[] {
  const out: string[] = [];
  const records = w.daemon.errorRecords();
  const fresh = records.slice(w.checked).filter((r) => !w.allowErrors.some((re) => re.test(r.msg ?? '')));
  w.checked = records.length;
  if (fresh.length > 0) {
    out.push(`daemon ${w.daemon.child.pid} logged at error level:\n${fresh.map((r) => JSON.stringify(r)).join('\n')}`);
  }
  const { exitCode, signalCode } = w.daemon.child;
  if (!w.asked && (exitCode !== null || signalCode !== null)) {
    w.asked = true; // reported once
    out.push(`daemon ${w.daemon.child.pid} exited on its own (code ${exitCode}, signal ${signalCode}); log:\n${w.daemon.log().slice(-3000)}`);
  }
  return out;
}


async function waitReady<T>(probe: () => T | undefined, timeoutMs: number, log: () => string): Promise<T> {
  try {
    return await vi.waitFor(() => {
      const value = probe();
      if (value === undefined) throw new Error('not ready yet');
      return value;
    }, { timeout: timeoutMs, interval: 25 });
  } catch (err) {
    throw new Error(`the daemon was not ready: ${(err as Error).message}; daemon log:\n${log().slice(-4000)}`);
  }
}

export async function startDaemon(options: DaemonOptions = {}): Promise<DaemonProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
  const dataDir = options.dataDir ?? makeTempDir('ccmd-e2e-');
  const configFile = join(dataDir, 'test-config.json');
  const base = options.portListeners === true ? -1 : 0;
  writeFileSync(configFile, JSON.stringify({
    applianceMac: TEST_MAC,
    profile: options.profile ?? 'ccm1650',
    telnetPort: -1, sshPort: -1,
    portTelnetBase: base, portSshBase: base,
    webPort: options.web === true ? -1 : 0,
    ...options.config,
  }));
  const readyPath = join(dataDir, 'ccmd.ready.json');
  rmSync(readyPath, { force: true });
  let stderr = '';
  let partial = '';
  const errors: LogRecord[] = [];
  const child = spawn(process.execPath, [MAIN, 'serve', '--config', configFile, '--data', dataDir], {
    env: { ...process.env, CCMD_ADMIN_PASSWORD: ADMIN_PASSWORD, CCMD_LOG_LEVEL: 'debug', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registerProcess(child.pid, `ccmd serve --data ${dataDir}`);
  child.stderr?.on('data', (c: Buffer) => {
    const text = c.toString();
    stderr += text;
    if (stderr.length > 2_000_000) stderr = stderr.slice(-1_000_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const record = errorRecord(line);
      if (record !== null) errors.push(record);
    }
  });
  child.stdout?.on('data', () => undefined);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const log = (): string => stderr;
  // The test that asked (none in a beforeAll). Should it end (time-out) before the daemon is
  // ready, nobody would ever stop this daemon: it is killed instead of handed out.
  const owner = expect.getState().currentTestName;
  const abandoned = (): boolean => owner !== undefined && finishedTests.has(owner);
  let ready: ReadyFile;
  try {
    ready = await waitReady(() => {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}:\n${stderr.slice(-4000)}`);
      if (abandoned()) return null;
      if (!existsSync(readyPath)) return undefined;
      const parsed = JSON.parse(readFileSync(readyPath, 'utf8')) as ReadyFile;
      return parsed.pid === child.pid ? parsed : undefined;
    }, 30_000, log) as ReadyFile;
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  if (abandoned()) {
    child.kill('SIGKILL');
    throw new Error('the test ended before its daemon was ready: killed it');
  }
  const socketPath = join(dataDir, 'ccmd.sock');
  // Filled in below, once the daemon object exists; the closures only run after that.
  const watch = { checked: 0, asked: false } as Watched;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> => {
    watch.asked = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  let stopped: Promise<void> | undefined;
  const daemon: DaemonProcess = {
    dataDir, child, ready, log,
    errorRecords: () => errors,
    exec: (line, json = false) => execOnDaemon(socketPath, line, json),
    cli: (args, input) => runCli([...args, '--data', dataDir], input),
    kill,
    stop() {
      stopped ??= stopDaemon(daemon, watch, kill, exited);
      return stopped;
    },
  };
  Object.assign(watch, { daemon, allowErrors: options.allowErrors ?? [] });
  watched.push(watch);
  return daemon;
}

async function stopDaemon(daemon: DaemonProcess, watch: Watched, kill: (s: NodeJS.Signals) => Promise<number | null>,
  exited: Promise<number | null>): Promise<void> {
  const wasRunning = daemon.child.exitCode === null && daemon.child.signalCode === null && !watch.asked;
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => { timer = setTimeout(() => r('hung'), STOP_MS); });
  const outcome = await Promise.race([kill('SIGTERM'), hung]);
  clearTimeout(timer);
  if (outcome === 'hung') {
    await kill('SIGKILL');
    await exited;
    throw new Error(`daemon ${daemon.child.pid} did not exit within ${STOP_MS} ms of SIGTERM; log:\n${daemon.log().slice(-3000)}`);
  }
  const problems = problemsOf(watch);
  if (wasRunning && outcome !== 0) {
    problems.push(`daemon ${daemon.child.pid} exited ${outcome} (signal ${daemon.child.signalCode}) after SIGTERM; log:\n${daemon.log().slice(-3000)}`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n\n'));
}

/** The record when `line` is pino JSON at error level or above, else null. */
function errorRecord(line: string): LogRecord | null {
  if (!line.startsWith('{')) return null;
  try {
    const record = JSON.parse(line) as LogRecord;
    return typeof record.level === 'number' && record.level >= ERROR_LEVEL ? record : null;
  } catch {
    return null;
  }
}

export function runCli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    cliRuns.add(child);
    child.once('exit', () => cliRuns.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.stdin.end(input ?? '');
    // 'close', not 'exit': the process may exit before everything it wrote has been read.
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
