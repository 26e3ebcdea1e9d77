/**
 * Starts the real daemon (`node dist/main.js serve`) in a temporary data directory with every
 * listener on an ephemeral port (config -1), and reads back the ports it bound from `<data dir>/ccmd.ready.json`.
 * `npm test` builds `dist/` first (pretest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execOnDaemon } from '../../src/host-cli/control-client.js';
import type { ExecReply } from '../../src/transports/control-protocol.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = join(REPO, 'dist', 'main.js');
export const ADMIN_PASSWORD = 'admin-secret1';

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
  exec(line: string, json?: boolean): Promise<ExecReply>;
  /** Runs `node dist/main.js <args>` against this daemon's data dir. */
  cli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops (SIGTERM) and removes the data dir unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface DaemonOptions {
  readonly dataDir?: string;
  readonly config?: Record<string, unknown>;
  readonly profile?: string;
  /** Per-port listeners: off unless asked (they bind 2 × ports TCP ports). */
  readonly portListeners?: boolean;
  /** The web listener (SPEC §10: /healthz, /metrics, /api/v1, pages): off unless asked. */
  readonly web?: boolean;
  readonly env?: Record<string, string>;
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number, log: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; daemon log:\n${log().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startDaemon(options: DaemonOptions = {}): Promise<DaemonProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ccmd-e2e-'));
  const configFile = join(dataDir, 'test-config.json');
  const base = options.portListeners === true ? -1 : 0;
  writeFileSync(configFile, JSON.stringify({
    profile: options.profile ?? 'ccm1650',
    telnetPort: -1, sshPort: -1,
    portTelnetBase: base, portSshBase: base,
    webPort: options.web === true ? -1 : 0,
    ...options.config,
  }));
  const readyPath = join(dataDir, 'ccmd.ready.json');
  rmSync(readyPath, { force: true });
  let stderr = '';
  const child = spawn(process.execPath, [MAIN, 'serve', '--config', configFile, '--data', dataDir], {
    env: { ...process.env, CCMD_ADMIN_PASSWORD: ADMIN_PASSWORD, CCMD_LOG_LEVEL: 'debug', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); if (stderr.length > 2_000_000) stderr = stderr.slice(-1_000_000); });
  child.stdout?.on('data', () => undefined);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const log = (): string => stderr;
  const ready = await waitFor('the daemon to be ready', () => {
    if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}:\n${stderr.slice(-4000)}`);
    if (!existsSync(readyPath)) return undefined;
    const parsed = JSON.parse(readFileSync(readyPath, 'utf8')) as ReadyFile;
    return parsed.pid === child.pid ? parsed : undefined;
  }, 30_000, log);
  const socketPath = join(dataDir, 'ccmd.sock');
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    dataDir, child, ready, log,
    exec: (line, json = false) => execOnDaemon(socketPath, line, json),
    cli: (args, input) => runCli([...args, '--data', dataDir], input),
    kill,
    async stop(stopOptions = {}) {
      await kill('SIGTERM');
      if (stopOptions.keepData !== true && options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function runCli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.stdin.end(input ?? '');
    // 'close', not 'exit': the process may exit before everything it wrote has been read.
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
