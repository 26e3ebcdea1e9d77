/**
 * kill -9 in the middle of writing: every change a child process reported committed must be in
 * the file afterwards, and the file must pass integrity_check. The child runs the real db.ts and
 * session-repository.ts, transpiled to JavaScript with the project's own TypeScript.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityCheck, openDatabase } from './db.js';
import { SessionRepository, sessionNumber } from './session-repository.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = resolve(SRC, '..');
/** Every migration module too, whoever adds one. */
const MODULES = ['store/db.ts', 'store/session-repository.ts', ...readdirSync(join(SRC, 'store', 'migrations'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `store/migrations/${f}`)];

let work = '';
let childScript = '';

/** A writer that creates sessions as fast as it can and prints each id once it is committed. */
const CHILD = `
import { openDatabase } from './store/db.js';
import { SessionRepository, sessionId } from './store/session-repository.js';
const db = openDatabase(process.argv[2]);
const sessions = new SessionRepository(db);
for (;;) {
  const id = sessionId(sessions.nextSessionNumber());
  const createdAt = Date.now();
  if (!sessions.create({ id, port: 1, initiator: 'crash', createdAt, access: 'PUBLIC' })) throw new Error('id reused: ' + id);
  sessions.addEvent({ sessionId: id, at: createdAt, event: 'created', user: 'crash' });
  process.stdout.write(id + '\\n');
}
`;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ccmd-crash-'));
  for (const file of MODULES) {
    const out = ts.transpileModule(readFileSync(join(SRC, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const target = join(work, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out);
  }
  // Bare imports (better-sqlite3) resolve through the project's node_modules.
  symlinkSync(join(PROJECT, 'node_modules'), join(work, 'node_modules'));
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
  childScript = join(work, 'writer.js');
  writeFileSync(childScript, CHILD);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer until it has reported `count` commits, then SIGKILLs it mid-stream. */
function runAndKill(dataDir: string, count: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child: ChildProcess = spawn(process.execPath, [childScript, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ids: string[] = [];
    let partial = '';
    let stderr = '';
    const deadline = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`writer too slow: ${stderr}`)); }, 20_000);
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout?.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      ids.push(...lines);
      if (ids.length >= count && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited ${code}: ${stderr}`));
      else resolvePromise(ids);
    });
  });
}

describe('crash safety', () => {
  it('every reported commit survives kill -9, ids never repeat, integrity_check is ok', async () => {
    const dataDir = join(work, 'data');
    const reported: string[] = [];
    for (const count of [50, 137, 20, 301, 75]) {
      reported.push(...await runAndKill(dataDir, count));
    }
    const db = openDatabase(dataDir);
    try {
      expect(integrityCheck(db)).toEqual({ ok: true });
      const sessions = new SessionRepository(db);
      const stored = new Set(sessions.recent(1_000_000).map((s) => s.id));
      const missing = reported.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      expect(new Set(reported).size).toBe(reported.length);
      const highest = Math.max(...reported.map((id) => sessionNumber(id) ?? 0));
      expect(sessions.nextSessionNumber()).toBeGreaterThan(highest);
      for (const id of reported.slice(-3)) expect(sessions.history(id).map((e) => e.event)).toEqual(['created']);
      console.log(`crash test: ${reported.length} commits reported over 5 kills, ${stored.size} stored`);
    } finally {
      db.close();
    }
  });
});
