/**
 * socat pty pairs for tests that need a real serial-like device (STYLE: test/e2e uses socat ptys,
 * never a mock binding). One pair is `socat pty,raw,echo=0,link=<devicePath> pty,raw,echo=0,link=<peerPath>`:
 * ccmd opens `devicePath` as its serial device; the test plays the device on `peerPath`.
 * Killing socat makes the device vanish (ccmd sees the port lost); `restart()` brings a new socat
 * up on the same paths. A missing socat fails the test, never skips it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, existsSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import tty from 'node:tty';
import { expect, vi } from 'vitest';
import { registerProcess } from './run-registry.js';

export interface PtyPair {
  /** What ccmd opens (`<dir>/<name>`). */
  readonly devicePath: string;
  /** The device's end (`<dir>/<name>-peer`), for `openPeer`. */
  readonly peerPath: string;
  /** Kills socat and waits until it exited and both links are gone. Idempotent. */
  kill(): Promise<void>;
  /** Starts a new socat on the same paths (killing the old one first) and waits for the links. */
  restart(): Promise<void>;
}

const LINK_DEADLINE_MS = 5000;
const live = new Set<ChildProcess>();

/** Makes a pty pair under `dir` and resolves once both links exist. */
export async function makePtyPair(dir: string, name: string): Promise<PtyPair> {
  const devicePath = join(dir, name);
  const peerPath = join(dir, `${name}-peer`);
  let proc: ChildProcess | null = null;
  const kill = async (): Promise<void> => {
    const running = proc;
    proc = null;
    if (running) await stop(running);
    // socat removes its links on a clean exit; make sure even after SIGKILL.
    rmSync(devicePath, { force: true });
    rmSync(peerPath, { force: true });
  };
  const start = async (): Promise<void> => {
    await kill();
    proc = await startSocat(devicePath, peerPath);
  };
  await start();
  return { devicePath, peerPath, kill, restart: start };
}

/** Kills every socat this module started (for afterAll). */
export async function killAllPtyPairs(): Promise<void> {
  await Promise.all([...live].map(stop));
}

async function startSocat(devicePath: string, peerPath: string): Promise<ChildProcess> {
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${peerPath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(proc);
  registerProcess(proc.pid, `socat pty pair ${devicePath}`);
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  let failure: Error | null = null;
  proc.on('error', (err) => { failure = err; });
  proc.on('exit', () => live.delete(proc));
  try {
    await vi.waitFor(() => {
      if (failure) throw new Error(`socat could not start (is it installed?): ${(failure as Error).message}`);
      if (proc.exitCode !== null) throw new Error(`socat exited ${proc.exitCode}: ${log}`);
      expect(existsSync(devicePath) && existsSync(peerPath), `socat links at ${devicePath} / ${peerPath}: ${log}`).toBe(true);
    }, { timeout: LINK_DEADLINE_MS, interval: 10 });
  } catch (err) {
    await stop(proc);
    throw err;
  }
  return proc;
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => proc.kill('SIGKILL'), 2000);
    proc.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/**
 * A raw Node stream on a pty (the device's end of a pair): bytes in, bytes out, no line
 * discipline (socat set the pty raw). Two descriptors, one for a tty.ReadStream and one for a
 * tty.WriteStream, joined into one Duplex. When socat dies the read side fails with EIO; that
 * error is swallowed here (the stream just ends), since tests kill socat on purpose.
 * `destroy()` closes both descriptors.
 */
export function openPeer(path: string): Duplex {
  const flags = constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK;
  const input = new tty.ReadStream(openSync(path, flags));
  const output = new tty.WriteStream(openSync(path, flags));
  // Node makes TTY write streams blocking (for stdout). With the reader in the same process a
  // blocking write deadlocks as soon as the pty buffer fills, so make it non-blocking again.
  const handle = (output as unknown as { _handle?: { setBlocking?: (on: boolean) => number } })._handle;
  if (typeof handle?.setBlocking !== 'function') throw new Error('tty.WriteStream has no setBlocking: Node changed');
  handle.setBlocking(false);
  const ignoreHangup = (err: NodeJS.ErrnoException): void => {
    // EIO/EBADF: socat went away. ABORT_ERR: destroying the Duplex aborts the two tty streams.
    if (err.code !== 'EIO' && err.code !== 'EBADF' && err.code !== 'ABORT_ERR') throw err;
  };
  input.on('error', ignoreHangup);
  output.on('error', ignoreHangup);
  const peer = Duplex.from({ readable: input, writable: output });
  peer.on('error', ignoreHangup);
  peer.on('close', () => {
    input.destroy();
    output.destroy();
  });
  return peer;
}
