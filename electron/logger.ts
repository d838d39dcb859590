import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_LOG_BYTES = 1024 * 1024;

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * Creates the main process's one logger: lines to the console and to `main.log` in `directory`,
 * which is rotated to `main.old.log` past 1 MiB. Callers log ids, channels, statuses and
 * durations only, never a key, a header value or a body.
 */
export function createLogger(directory: string) {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'main.log');

  return function log(level: LogLevel, message: string): void {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}\n`;
    (level === 'error' ? process.stderr : process.stdout).write(line);
    try {
      const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (size > MAX_LOG_BYTES) {
        renameSync(file, join(directory, 'main.old.log'));
      }
      appendFileSync(file, line);
    } catch (error) {
      process.stderr.write(`Cannot write the log file ${file}: ${String(error)}\n`);
    }
  };
}

export type Logger = ReturnType<typeof createLogger>;
