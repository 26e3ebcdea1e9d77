/**
 * V8 heap settings for a long-running daemon on a small appliance (issue 14), applied before
 * anything else is loaded (main.ts imports this module first). Both are flags V8 reads each time it
 * decides, so they can be set from here whichever way the daemon is started (`ccmd serve`, `node
 * dist/main.js serve`, a systemd unit); the same flag given on the command line wins.
 *
 * The young generation stays at its initial size. V8 grows it (two semi-spaces) from 1 MiB up to
 * 16 MiB each while objects survive scavenges, which happens during start-up (module loading) and
 * under load; it never gives the pages back. On 48 ports that was 13 MB of idle RSS and most of the
 * loaded growth, for nothing: the data path's garbage (chunk wrappers, write requests) dies young.
 * (`--max-semi-space-size` would be the cleaner knob, but only the command line can set it.)
 *
 * The old generation may grow to three times what survived the last full collection before the
 * next one (`--heap-growing-percent=200`). Left to itself, V8 set the limit of this small heap
 * (~15 MB live) so close that incremental marking started again right after each mark-compact:
 * with one port flooding (peer bench fan-out, `--trace-gc`), about 70 mark-compacts in 8 s in some
 * runs and 2 in others, and the thrashing runs spent a quarter of the process's CPU in V8's
 * marking threads (`perf record`): 0.015-0.016 CPU s/MB at 40-44 MB/s against 0.009 at 50-54 MB/s.
 * With 200: 2 mark-compacts in each of 6 runs, peak RSS during the flood 112-116 MB (without:
 * 114-117 MB, 81-82 mark-compacts), and the CCM4850 load's RSS unchanged (108-109 MB).
 *
 * Starting a worker thread puts V8's flags back to the command line's while the worker's isolate
 * is set up (measured: after the scrypt worker of store/scrypt-thread.ts started, the young
 * generation grew to 32 MiB again, 12-20 MB of RSS after a login storm), so whoever starts a
 * worker calls `applyHeapTuning()` again once it is online.
 */
import { setFlagsFromString } from 'node:v8';

const SETTINGS: Readonly<Record<string, number>> = {
  'semi-space-growth-factor': 1,
  'heap-growing-percent': 200,
};

const onCommandLine = (flag: string): boolean => process.execArgv.some((a) => a.startsWith(`--${flag}`));

/** Applies the settings above (again), each unless the command line gave it. */
export function applyHeapTuning(): void {
  for (const [flag, value] of Object.entries(SETTINGS)) {
    if (!onCommandLine(flag)) setFlagsFromString(`--${flag}=${value}`);
  }
}

applyHeapTuning();
