/**
 * The appliance's port logs, one `PortLog` per port, as the daemon wires them: the port runtime
 * feeds `get(n).write(chunk)`, `PORT n SET LOG=` calls `get(n).setEnabled`, and the session
 * recorder marks attach/detach/preempt through `mark` (it implements `PortLogMarks`).
 */
import type { Logger } from '../logger.js';
import type { Clock } from './clock.js';
import { PORT_LOG_DEFAULTS, PortLog, portLogPath, type PortLogOptions } from './port-log.js';
import type { PortLogMarks } from './session-recorder.js';
import { WriteGather } from './write-gather.js';

export type PortLogTuning = Omit<PortLogOptions, 'file' | 'clock' | 'enabled' | 'onError' | 'gather'>;

export class PortLogs implements PortLogMarks {
  private readonly logs = new Map<number, PortLog>();

  /** `enabled(n)`: port n's LOG setting at start-up. Write errors go to `logger`, once per streak. */
  constructor(
    dataDir: string, ports: number, clock: Clock, logger: Logger,
    enabled: (port: number) => boolean, tuning: PortLogTuning = {},
  ) {
    // Issue 14: one gather timer for every port's log, so their writes go out together.
    const gather = new WriteGather(clock, tuning.gatherMs ?? PORT_LOG_DEFAULTS.gatherMs);
    for (let port = 1; port <= ports; port++) {
      this.logs.set(port, new PortLog({
        ...tuning, gather, file: portLogPath(dataDir, port), clock, enabled: enabled(port),
        onError: (err, file) => logger.error({ err, port, file }, 'port log not written; will retry'),
      }));
    }
  }

  /** Port n's log; undefined outside 1..ports. */
  get(port: number): PortLog | undefined {
    return this.logs.get(port);
  }

  mark(port: number, text: string): void {
    this.logs.get(port)?.mark(text);
  }

  /** Flushes and closes every log (daemon shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.logs.values()].map((log) => log.close()));
  }
}
