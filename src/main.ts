#!/usr/bin/env node
/**
 * The `ccmd` command: the daemon and the host command line (SPEC §8), in host-cli/cli.ts.
 * V8's heap settings come first and the command line is imported only after them: a static
 * import would be loaded and parsed (yargs, zod...) before any of this module runs, growing the
 * young generation that heap-tuning.ts keeps small (issue 14).
 */
import './heap-tuning.js';

// `ccmd serve` with plain options skips yargs (serve.ts: its modules would stay loaded for the
// daemon's life); anything else goes through the command line as usual.
const { serveFromArgs } = await import('./host-cli/commands/serve.js');
const served = await serveFromArgs(process.argv.slice(2));
if (served === null) await import('./host-cli/cli.js');
else await served;
