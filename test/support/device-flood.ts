/**
 * Plays a chatty serial device: writes to the device end of a socat pty pair as fast as the pty
 * takes it, until stopped. Used to fill a frozen client's socket buffers.
 */
import type { Duplex } from 'node:stream';

export interface Flood {
  /** Bytes written so far. */
  readonly bytes: number;
  /** Stops writing and resolves once the writer loop ended. */
  stop(): Promise<void>;
}

export function floodDevice(peer: Duplex, chunkBytes = 16 * 1024): Flood {
  // A printable line pattern, so a client reading it sees text and no Telnet IAC bytes.
  const line = 'flood 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n';
  const chunk = Buffer.from(line.repeat(Math.ceil(chunkBytes / line.length)).slice(0, chunkBytes));
  let running = true;
  let written = 0;
  const loop = (async () => {
    while (running && !peer.destroyed) {
      written += chunk.length;
      if (!peer.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            peer.off('drain', done);
            peer.off('close', done);
            clearTimeout(timer);
            resolve();
          };
          // Re-check `running` now and then even if the pty never drains (nobody reading).
          const timer = setTimeout(done, 200);
          peer.once('drain', done);
          peer.once('close', done);
        });
      }
    }
  })();
  return {
    get bytes() { return written; },
    async stop() {
      running = false;
      await loop;
    },
  };
}
