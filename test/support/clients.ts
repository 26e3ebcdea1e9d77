/**
 * Drivers for the REAL clients (OpenSSH `ssh`, inetutils `telnet`) so tests act like a person at
 * a terminal. Each client runs under `script -qfec` (util-linux), which gives it a pseudo-terminal:
 * ssh then puts it in raw mode and honours escapes such as `~B`, and telnet behaves as typed at.
 *
 * A missing tool fails the test (spawn error → `exited` rejects, `expect` reports it): never skip.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import { registerProcess } from './run-registry.js';

const execFileAsync = promisify(execFile);

const DEFAULT_EXPECT_MS = 5_000;
const RECENT_OUTPUT_CHARS = 600;

/** Removes ANSI/VT100 escape sequences (CSI, OSC, charset selects) so tests match plain text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]/g, '');
}

/** Quotes one argument for /bin/sh. */
export function shellQuote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}

export interface ClientExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One real client process on a pseudo-terminal. */
export class InteractiveClient {
  private raw = '';
  private searchFrom = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly child: ChildProcess;
  private exitInfo: ClientExit | null = null;
  private spawnError: Error | null = null;
  private readonly waiters = new Set<() => void>();
  /** Settles when the process ends: resolves with its status, rejects if it could not start. */
  readonly exited: Promise<ClientExit>;

  constructor(
    readonly command: string,
    env: NodeJS.ProcessEnv = {},
  ) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    registerProcess(this.child.pid, `script -qfec ${command}`);
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', (error) => {
        this.spawnError = error;
        this.wake();
        reject(error);
      });
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        this.wake();
        resolve(this.exitInfo);
      });
    });
    this.exited.catch(() => undefined); // observed through expect()/the test; never unhandled
    const collect = (chunk: Buffer): void => {
      this.raw += this.decoder.write(chunk);
      this.wake();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.child.stdin?.on('error', () => undefined);
  }

  /** Everything the client printed so far, escape sequences removed. */
  get output(): string {
    return stripAnsi(this.raw);
  }

  /** Everything the client printed so far, as received. */
  get rawOutput(): string {
    return this.raw;
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  /**
   * The client's processes, deepest first, `script` itself last (empty once it exited): e.g. to
   * freeze the client with SIGSTOP. Note `script` stops itself when its child stops, and only
   * wakes the child when it is woken, so thaw with SIGCONT to every one of them.
   */
  get processIds(): number[] {
    const pid = this.child.pid;
    return pid === undefined || this.exitInfo !== null ? [] : [...descendants(pid), pid];
  }

  /** Types `text` (use `\r` for Enter, as a terminal sends it). */
  send(text: string | Buffer): void {
    if (this.child.stdin?.writable) this.child.stdin.write(text);
  }

  /**
   * Waits until the (ANSI-free) output after the previous match contains `pattern`; resolves with
   * the whole output so far. Rejects on time-out or exit with the recent output in the message.
   */
  expect(pattern: RegExp | string, timeoutMs = DEFAULT_EXPECT_MS): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const text = this.output;
        const end = matchEnd(text, this.searchFrom, pattern);
        if (end !== null) {
          this.searchFrom = end;
          finish();
          resolve(text);
          return true;
        }
        if (this.spawnError !== null || this.exitInfo !== null) {
          finish();
          reject(new Error(this.failure(pattern, this.spawnError?.message ?? `exited ${JSON.stringify(this.exitInfo)}`)));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(this.failure(pattern, `no match within ${timeoutMs} ms`)));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => void check();
      if (!check()) this.waiters.add(waiter);
    });
  }

  /**
   * Waits for the process to end on its own (e.g. the daemon closed its connection). Rejects
   * when it has not within `timeoutMs`, after killing it so nothing outlives the test: a check
   * "the daemon disconnected this client" built on it fails when the daemon never does (issue 13).
   */
  async waitExit(timeoutMs = DEFAULT_EXPECT_MS): Promise<ClientExit> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new Error(this.failure('the client to exit', `still running after ${timeoutMs} ms (killed)`)));
        void this.close();
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the client (SIGTERM, then SIGKILL after 2 s) and waits for it. */
  async close(): Promise<void> {
    if (this.exitInfo !== null || this.spawnError !== null) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), 2_000);
    await this.exited.catch(() => undefined);
    clearTimeout(timer);
  }

  /**
   * Signals the client itself: it runs in its own session under `script`, which on a signal of
   * its own lingers for two seconds. Once the client is gone, `script` exits at once.
   */
  private signal(name: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exitInfo !== null) return;
    // `script` itself only when the client is gone already (or never started).
    const children = descendants(pid);
    for (const target of children.length > 0 ? children : [pid]) {
      try {
        process.kill(target, name);
      } catch {
        // already gone
      }
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private failure(pattern: RegExp | string, why: string): string {
    const recent = this.output.slice(-RECENT_OUTPUT_CHARS);
    return `expected ${String(pattern)} from \`${this.command}\`: ${why}\n--- recent output ---\n${recent}\n---`;
  }
}

/** Child processes of `pid`, deepest first (Linux /proc). */
function descendants(pid: number): number[] {
  let children: number[];
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    children = text === '' ? [] : text.split(/\s+/).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [...descendants(child), child]);
}

function matchEnd(text: string, from: number, pattern: RegExp | string): number | null {
  const rest = text.slice(from);
  if (typeof pattern === 'string') {
    const at = rest.indexOf(pattern);
    return at < 0 ? null : from + at + pattern.length;
  }
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(rest);
  return match === null ? null : from + match.index + match[0].length;
}

export interface SshClientOptions {
  readonly port: number;
  /** The SSH user name, i.e. the ccmd login name (`bob`, `bob:3:E`). */
  readonly user: string;
  /** Answered to every password prompt (password and keyboard-interactive) through SSH_ASKPASS. */
  readonly password?: string;
  readonly identityFile?: string;
  /** Restricts the methods tried, e.g. `keyboard-interactive` (OpenSSH PreferredAuthentications). */
  readonly methods?: string;
  /** Extra ssh arguments before the host, e.g. ['-o', 'ServerAliveInterval=5']. */
  readonly extraArgs?: readonly string[];
  /** Remote command (for exec tests); omitted = interactive shell. */
  readonly remoteCommand?: string;
  readonly host?: string;
}

/** Starts OpenSSH's `ssh` against a local listener with no host-key prompts and no user config. */
export async function sshClient(options: SshClientOptions): Promise<InteractiveClient> {
  const args = [
    'ssh', '-F', '/dev/null', '-tt',
    '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
    '-o', 'ConnectTimeout=5', '-o', 'NumberOfPasswordPrompts=1',
    '-p', String(options.port), '-l', options.user,
  ];
  if (options.identityFile !== undefined) args.push('-i', options.identityFile, '-o', 'IdentitiesOnly=yes');
  else args.push('-o', 'PubkeyAuthentication=no');
  if (options.methods !== undefined) args.push('-o', `PreferredAuthentications=${options.methods}`);
  args.push(...(options.extraArgs ?? []), options.host ?? '127.0.0.1');
  if (options.remoteCommand !== undefined) args.push(options.remoteCommand);
  const env: NodeJS.ProcessEnv = {};
  if (options.password !== undefined) {
    env.SSH_ASKPASS = await askpassProgram();
    env.SSH_ASKPASS_REQUIRE = 'force';
    env.CCMD_TEST_PASSWORD = options.password;
  }
  return new InteractiveClient(args.map(shellQuote).join(' '), env);
}

let askpassPath: Promise<string> | undefined;

/**
 * A tiny SSH_ASKPASS program printing $CCMD_TEST_PASSWORD. One fixed file per user, holding no
 * secret, written atomically (temp + rename) so parallel test workers can share it and nothing leaks.
 */
function askpassProgram(): Promise<string> {
  askpassPath ??= (async () => {
    const path = join(tmpdir(), `ccmd-test-askpass-${process.getuid?.() ?? 0}.sh`);
    const temporary = `${path}.${process.pid}`;
    await writeFile(temporary, '#!/bin/sh\nprintf \'%s\\n\' "$CCMD_TEST_PASSWORD"\n', { mode: 0o700 });
    await rename(temporary, path);
    return path;
  })();
  return askpassPath;
}

/** Starts inetutils `telnet` against a local listener; answer the prompts with expect/send. */
export function telnetClient(options: { readonly port: number; readonly host?: string }): InteractiveClient {
  return new InteractiveClient(`telnet ${shellQuote(options.host ?? '127.0.0.1')} ${options.port}`);
}

export interface GeneratedKey {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  /** `ssh-ed25519 AAAA... comment` */
  readonly publicKeyLine: string;
}

/** Makes an unencrypted ed25519 key pair with the real `ssh-keygen`. */
export async function sshKeygen(dir: string, name = 'id_ed25519'): Promise<GeneratedKey> {
  const privateKeyPath = join(dir, name);
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ccmd-test', '-f', privateKeyPath]);
  const publicKeyPath = `${privateKeyPath}.pub`;
  const publicKeyLine = (await readFile(publicKeyPath, 'utf8')).trim();
  return { privateKeyPath, publicKeyPath, publicKeyLine };
}
