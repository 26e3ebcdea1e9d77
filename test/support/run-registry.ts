/**
 * What the test run started, so that nothing outlives it (issue 16).
 *
 * Use from a test or a support module:
 * - `makeTempDir('ccmd-e2e-')`: a fresh folder under the OS temp dir, removed when its test file
 *   ends if every test in the file passed; kept (and its path printed) when one failed.
 * - `registerProcess(child.pid, 'socat pty pair')`: names a process the test started, for the
 *   leak report. Registering is a label, not the check: every process a test file starts,
 *   however (spawn, execFile, a grandchild under `script`, sshpass...), carries the run's marker
 *   in its environment and is found without it.
 *
 * How (the check that can fail):
 * - test/support/global-setup.ts (vitest `globalSetup`, main process) makes a run folder and
 *   exports CCMD_TEST_RUN_DIR; the workers inherit it.
 * - test/support/file-setup.ts (vitest `setupFiles`, in each worker) sets CCMD_TEST_FILE to the
 *   test file before its tests run, so every process the file starts inherits both variables
 *   (Linux shows them in /proc/<pid>/environ). After the file's own afterAll hooks it waits up to
 *   LEAK_GRACE_MS for those processes to end; any still running is a leak: it is killed, written
 *   to the run folder's `leaks` file, and the file fails with its command line.
 * - The global teardown kills whatever still carries the marker (or is registered and alive),
 *   reports every leak with the test file that started it, fails the run (exit code 1), removes
 *   the temporary folders of passing files and prints those it kept.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUN_DIR_ENV = 'CCMD_TEST_RUN_DIR';
export const FILE_ENV = 'CCMD_TEST_FILE';
/** How long a test file's processes get to end after its last hook before they count as leaked. */
export const LEAK_GRACE_MS = 5_000;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The run folder, or null outside a vitest run with the global setup (then nothing is recorded). */
export function runDir(): string | null {
  return process.env[RUN_DIR_ENV] ?? null;
}

/** The test file running in this worker, relative to the repository (as CCMD_TEST_FILE holds it). */
export function currentTestFile(): string {
  return process.env[FILE_ENV] ?? '(unknown test file)';
}

export function testFileName(absolutePath: string): string {
  return relative(REPO, absolutePath);
}

function record(name: 'processes' | 'dirs' | 'failed' | 'leaks', fields: readonly (string | number)[]): void {
  const dir = runDir();
  if (dir === null) return;
  // One short line per append: O_APPEND keeps lines from parallel workers whole.
  appendFileSync(join(dir, name), `${fields.map((f) => String(f).replace(/[\t\n]/g, ' ')).join('\t')}\n`);
}

/** Names a process this test file started (see the module comment). */
export function registerProcess(pid: number | undefined, what: string): void {
  if (pid === undefined) return;
  record('processes', [pid, startTimeOf(pid) ?? '', currentTestFile(), what]);
}

/** A new temporary folder, removed after the test file unless one of its tests failed. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  record('dirs', [currentTestFile(), dir]);
  return dir;
}

export function recordFailedFile(file: string): void {
  record('failed', [file]);
}

export function recordLeak(file: string, pid: number, command: string): void {
  record('leaks', [file, pid, command]);
}

/** The rows of one of the run folder's files, as fields. */
export function readRecords(dir: string, name: 'processes' | 'dirs' | 'failed' | 'leaks'): string[][] {
  let text: string;
  try {
    text = readFileSync(join(dir, name), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

// ---- processes, from Linux /proc ----------------------------------------------------------------

export interface SuiteProcess {
  readonly pid: number;
  readonly ppid: number;
  /** The test file that started it (its CCMD_TEST_FILE). */
  readonly file: string;
  readonly command: string;
}

/** The fields of /proc/<pid>/stat after the command name: state, ppid, ... start time (#22). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** When the process started (clock ticks since boot): tells a reused pid from the one registered. */
export function startTimeOf(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** True while `pid` runs (not a zombie) and, given `startTime`, is the same process. */
export function isRunning(pid: number, startTime?: string): boolean {
  const fields = statFields(pid);
  if (fields === null || fields[0] === 'Z' || fields[0] === 'X') return false;
  return startTime === undefined || startTime === '' || fields[19] === startTime;
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '').join(' ');
  } catch {
    return '(gone)';
  }
}

/** Every running process that carries this run's marker (and a test file), but not `except`. */
export function suiteProcesses(run: string, except: ReadonlySet<number> = new Set()): SuiteProcess[] {
  const found: SuiteProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (except.has(pid)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue; // gone, or not ours
    }
    const vars = environ.split('\0');
    if (!vars.includes(`${RUN_DIR_ENV}=${run}`)) continue;
    const file = vars.find((v) => v.startsWith(`${FILE_ENV}=`))?.slice(FILE_ENV.length + 1);
    if (file === undefined) continue; // a vitest worker itself: started before any test file
    const fields = statFields(pid);
    if (fields === null || fields[0] === 'Z' || fields[0] === 'X') continue;
    found.push({ pid, ppid: Number(fields[1]), file, command: commandLine(pid) });
  }
  return found;
}

/** SIGKILL, ignoring what is gone already. */
export function killNow(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
