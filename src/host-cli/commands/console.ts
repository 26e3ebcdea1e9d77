import type { CommandModule } from 'yargs';
import { DaemonUnreachable, openControl, socketPathFor } from '../control-client.js';
import type { CommonOptions } from '../run-line.js';

/**
 * `ccmd console`: the appliance's serial console port (SPEC §2, §9): an interactive CLI over the
 * control socket, never locked out.
 */
export const consoleCommand: CommandModule<CommonOptions, CommonOptions> = {
  command: 'console',
  describe: 'Interactive appliance CLI over the control socket (never locked out)',
  handler: async (argv) => {
    let socket;
    try {
      socket = await openControl(socketPathFor(argv.data));
    } catch (err) {
      process.stderr.write((err as DaemonUnreachable).message + '\n');
      process.exitCode = 2;
      return;
    }
    socket.write(JSON.stringify({ type: 'console' }) + '\n');
    const stdin = process.stdin;
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.pipe(socket);
    socket.pipe(process.stdout);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.unpipe(socket);
    stdin.pause();
  },
};
