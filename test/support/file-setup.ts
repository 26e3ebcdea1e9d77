/**
 * vitest `setupFiles` (in each worker, once per test file): marks the processes the file starts
 * with its name, notes its failed tests, and after its last hook fails it for any process it
 * left running (issue 16; see run-registry.ts). Its temporary folders (`makeTempDir`) are removed
 * when every test passed, kept and printed when one failed.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import {
  currentTestFile, FILE_ENV, killNow, LEAK_GRACE_MS, readRecords, recordFailedFile, recordLeak, runDir,
  suiteProcesses, testFileName, type SuiteProcess,
} from './run-registry.js';

const markFile = (): void => {
  const path = expect.getState().testPath;
  if (path !== undefined) process.env[FILE_ENV] = testFileName(path);
};
markFile();
beforeAll(markFile);

let failed = false;
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    if (!failed) recordFailedFile(currentTestFile());
    failed = true;
  });
});

afterAll(async () => {
  const run = runDir();
  if (run === null) return;
  const file = currentTestFile();
  const mine = (): SuiteProcess[] => suiteProcesses(run, new Set([process.pid])).filter((p) => p.file === file);
  const deadline = Date.now() + LEAK_GRACE_MS;
  let left = mine();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = mine();
  }
  for (const p of left) {
    recordLeak(file, p.pid, p.command);
    killNow(p.pid);
  }
  for (const [owner, dir] of readRecords(run, 'dirs')) {
    if (owner !== file || dir === undefined) continue;
    if (failed) console.error(`kept for inspection (${file} failed): ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  if (left.length > 0) {
    throw new Error(`${file} left ${left.length} process(es) running after its last test (killed now):\n`
      + left.map((p) => `  pid ${p.pid}: ${p.command}`).join('\n'));
  }
});
