/**
 * V8 heap settings for a long-running daemon on a small appliance (issue 14), applied before
 * anything else is loaded (main.ts imports this module first).
 *
 * V8 grows its young generation (two semi-spaces) from 1 MiB up to 16 MiB each while objects
 * survive scavenges, which happens during start-up (module loading) and under load; it never gives
 * the pages back. On 48 ports that was 13 MB of idle RSS and most of the loaded growth, for nothing:
 * the data path's garbage (chunk wrappers, write requests) dies young. `--max-semi-space-size` can
 * only be given on the command line (the heap is configured before any script runs), but the growth
 * factor is read each time V8 would grow the space, so setting it to 1 here keeps the young
 * generation at its initial size whichever way the daemon is started (`ccmd serve`, `node
 * dist/main.js serve`, a systemd unit). A flag given on the command line still wins: `--max-semi-
 * space-size` sets the ceiling and `--semi-space-growth-factor` on the command line is kept.
 *
 * Starting a worker thread puts V8's flags back to the command line's while the worker's isolate
 * is set up (measured: after the scrypt worker of store/scrypt-thread.ts started, the young
 * generation grew to 32 MiB again, 12-20 MB of RSS after a login storm), so whoever starts a
 * worker calls `keepYoungGenerationSmall()` again once it is online.
 */
import { setFlagsFromString } from 'node:v8';

const growthFactorOnCommandLine = process.execArgv.some((a) => a.startsWith('--semi-space-growth-factor'));

/** Applies the setting above (again); a no-op when the command line chose a growth factor. */
export function keepYoungGenerationSmall(): void {
  if (!growthFactorOnCommandLine) setFlagsFromString('--semi-space-growth-factor=1');
}

keepYoungGenerationSmall();
