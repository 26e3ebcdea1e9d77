/**
 * vitest `globalSetup` (main process): the run folder for run-registry.ts, and the teardown that
 * makes "no process outlives the test suite" a check that can fail (issue 16). See
 * run-registry.ts for how processes and temporary folders are tracked.
 *
 * The teardown, after every test file ended:
 * 1. leaks the per-file checks already found and killed (`leaks`), and any process still running
 *    that carries the run's marker or was registered, are reported with the test file that
 *    started them; those still running are killed; the run fails (exit code 1);
 * 2. the temporary folders of passing test files are removed; those of failed files are kept and
 *    their paths printed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commandLine, isRunning, killNow, readRecords, RUN_DIR_ENV, suiteProcesses,
} from './run-registry.js';

export default function setup(): () => void {
  const run = mkdtempSync(join(tmpdir(), 'ccmd-test-run-'));
  process.env[RUN_DIR_ENV] = run;
  // Issue 13: every daemon the suite starts checks the broker's invariants after every step.
  process.env.CCMD_CHECK_INVARIANTS = '1';
  return () => teardown(run);
}

function teardown(run: string): void {
  const problems: string[] = [];
  for (const [file, pid, command] of readRecords(run, 'leaks')) {
    problems.push(`${file} left pid ${pid} running after its last test: ${command}`);
  }
  const leftover = new Map<number, { file: string; command: string }>();
  for (const p of suiteProcesses(run, new Set([process.pid]))) {
    // The vitest workers are this process's children and carry no test file; anything else counts.
    if (p.ppid !== process.pid) leftover.set(p.pid, { file: p.file, command: p.command });
  }
  for (const [pid, startTime, file, what] of readRecords(run, 'processes')) {
    const n = Number(pid);
    if (!leftover.has(n) && isRunning(n, startTime)) leftover.set(n, { file: file ?? '?', command: `${what}: ${commandLine(n)}` });
  }
  for (const [pid, { file, command }] of leftover) {
    problems.push(`${file} left pid ${pid} running after the whole suite (killed now): ${command}`);
    killNow(pid);
  }

  const failed = new Set(readRecords(run, 'failed').map(([file]) => file));
  for (const [file, dir] of readRecords(run, 'dirs')) {
    if (dir === undefined) continue;
    if (failed.has(file ?? '')) {
      if (existsSync(dir)) console.error(`kept for inspection (${file} failed): ${dir}`);
    }
    else rmSync(dir, { recursive: true, force: true });
  }
  rmSync(run, { recursive: true, force: true });

  if (problems.length > 0) {
    console.error(`\nProcesses outlived their test files (issue 16):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}
