/**
 * pino: JSON by default, pretty when stderr is a terminal. Nothing on the per-byte data path
 * logs (STYLE); events are structured records without device data.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; pretty?: boolean; destination?: number } = {}): Logger {
  const level = options.level ?? process.env.CCMD_LOG_LEVEL ?? 'info';
  const pretty = options.pretty ?? (process.stderr.isTTY === true);
  if (pretty) {
    return pino({ level, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level }, pino.destination({ fd: options.destination ?? 2, sync: false }));
}

/** For tests and tools that want silence. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
