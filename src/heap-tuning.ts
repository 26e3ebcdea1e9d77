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
 */
import { setFlagsFromString } from 'node:v8';

if (!process.execArgv.some((a) => a.startsWith('--semi-space-growth-factor'))) {
  setFlagsFromString('--semi-space-growth-factor=1');
}
