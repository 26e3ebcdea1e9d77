/**
 * SERVER REBOOT (issue 12 item 11): the daemon restarts as a fresh process. What survives is what
 * an appliance keeps across a reboot: the database (users, settings, port settings, session
 * history, tokens) and the listeners. Every connected user is told `Appliance rebooting by <user>`
 * and logged out, as at any stop.
 *
 * - Under systemd (NOTIFY_SOCKET is set; deploy/ccmd.service): STOPPING=1, a clean stop, and exit
 *   status REBOOT_EXIT_STATUS, which the unit lists in RestartForceExitStatus= (a restart whatever
 *   Restart= says) and SuccessExitStatus= (not a failure). systemd binds nothing for us, so the
 *   new process binds the configured ports again.
 * - Otherwise the process re-executes itself. Node 20 has no execve, so it starts the new
 *   `ccmd serve` (same node, same arguments, same environment) before stopping, handing it every
 *   listening socket as an inherited descriptor (inherited-listeners.ts): no listener closes and
 *   no port changes, ephemeral ones included; a client connecting meanwhile waits in the backlog.
 *   The new process waits on an IPC channel until the old one has stopped (the database, the
 *   devices and the control socket are free), starts, and says when it is ready; the old one
 *   then exits 0. The process id changes: `<data dir>/ccmd.ready.json` has the new one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../logger.js';
import { InheritedListeners, INHERITED_LISTENERS_ENV, type ListenerHandle } from './inherited-listeners.js';

/** EX_TEMPFAIL: "try again". deploy/ccmd.service restarts on it (RestartForceExitStatus=75). */
export const REBOOT_EXIT_STATUS = 75;

/** Set for the new process: wait for the old one's `go` on the IPC channel before starting. */
export const HANDOVER_ENV = 'CCMD_REBOOT_HANDOVER';

/** How long the old process waits for the new one to be ready before giving up on it. */
const READY_TIMEOUT_MS = 60_000;

/** The first descriptor after stdin, stdout, stderr and the IPC channel. */
const FIRST_LISTENER_FD = 4;

type HandoverMessage = { readonly type: 'go' } | { readonly type: 'ready'; readonly pid: number };

export function underSystemd(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NOTIFY_SOCKET !== undefined && env.NOTIFY_SOCKET !== '';
}

/**
 * The old process's half, outside systemd: starts the successor holding `handles`, runs `stop`
 * (users told, everything closed), lets the successor start and waits until it is ready.
 * Resolves with the successor's pid; rejects when it dies or never gets ready (the caller exits
 * non-zero: there is no daemon then, and the log says why).
 */
export async function handOver(handles: readonly ListenerHandle[], stop: () => Promise<void>, logger: Logger): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, [INHERITED_LISTENERS_ENV]: InheritedListeners.envValue(handles, FIRST_LISTENER_FD), [HANDOVER_ENV]: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc', ...handles.map((h) => h.fd)],
  });
  logger.info({ pid: child.pid, listeners: handles.length }, 'reboot: started the new daemon process');
  const ready = readyFrom(child);
  try {
    await stop();
  } finally {
    if (child.connected) child.send({ type: 'go' } satisfies HandoverMessage);
  }
  const pid = await ready;
  child.disconnect();
  child.unref();
  return pid;
}

function readyFrom(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the new daemon was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    timer.unref();
    child.on('message', (message: HandoverMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.pid);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the new daemon exited before it was ready (code ${code}, signal ${signal})`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * The new process's half: when started by `handOver`, waits for the old process's `go` (or
 * for the channel to close: the old one is gone either way). Resolves at once otherwise.
 */
export function awaitHandover(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const handover = env[HANDOVER_ENV] === '1';
  delete env[HANDOVER_ENV];
  if (!handover || process.send === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('message', onMessage);
      process.off('disconnect', done);
      resolve();
    };
    const onMessage = (message: HandoverMessage): void => { if (message.type === 'go') done(); };
    process.on('message', onMessage);
    process.once('disconnect', done);
  });
}

/** The new process is up: tells the old one (which then exits) and drops the channel. */
export function reportReady(): void {
  if (process.send === undefined || !process.connected) return;
  process.send({ type: 'ready', pid: process.pid } satisfies HandoverMessage, () => {
    if (process.connected) process.disconnect();
  });
}
