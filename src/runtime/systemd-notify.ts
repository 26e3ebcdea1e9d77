/**
 * The systemd side of `Type=notify` and `WatchdogSec=` (issue 10, deploy/ccmd.service). Node has
 * no unix datagram sockets, so the messages go through `systemd-notify`, run as a child process
 * (the unit sets `NotifyAccess=all` so systemd takes them from it; `--pid` names us as the main
 * process). Nothing happens unless systemd set NOTIFY_SOCKET. A failure is logged, never fatal.
 */
import { execFile } from 'node:child_process';
import type { Logger } from '../logger.js';

export interface SystemdNotifier {
  /** Stops the watchdog pings and tells systemd we are stopping. */
  stopping(): Promise<void>;
}

function send(args: readonly string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    execFile('systemd-notify', [...args], { env, timeout: 5_000 }, (err) => {
      if (err) logger.warn({ err: err.message, args }, 'systemd-notify failed');
      resolve();
    });
  });
}

/**
 * Tells systemd the daemon is ready (listeners bound, ready file written) and, when the unit has
 * a watchdog (WATCHDOG_USEC, for this process), pings it at half the interval from the event
 * loop: a daemon whose loop is stuck stops pinging and systemd restarts it.
 */
export async function notifyReady(logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<SystemdNotifier> {
  if (env.NOTIFY_SOCKET === undefined || env.NOTIFY_SOCKET === '') return { stopping: async () => undefined };
  const pid = String(process.pid);
  await send([`--pid=${pid}`, '--ready', 'STATUS=ccmd ready'], env, logger);
  const usec = Number(env.WATCHDOG_USEC);
  const forUs = env.WATCHDOG_PID === undefined || env.WATCHDOG_PID === pid;
  let timer: NodeJS.Timeout | null = null;
  if (Number.isFinite(usec) && usec > 0 && forUs) {
    const everyMs = Math.max(500, Math.floor(usec / 2000));
    timer = setInterval(() => void send([`--pid=${pid}`, 'WATCHDOG=1'], env, logger), everyMs);
    timer.unref();
    logger.info({ everyMs }, 'systemd watchdog pings on');
  }
  return {
    async stopping() {
      if (timer !== null) clearInterval(timer);
      await send([`--pid=${pid}`, 'STOPPING=1'], env, logger);
    },
  };
}
