import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface TimedCommandResult {
  wallMs: number;
  /**
   * Maximum resident set size in KiB of the largest single process in the command's tree, as GNU
   * time reads it from getrusage. It is undefined where GNU time is not installed.
   */
  maxRssKiB?: number;
  exitCode: number | null;
  output: string;
}

/**
 * Runs a command under GNU time and returns its wall time, peak memory and combined output. The
 * child is killed after `timeoutMs`, so a stuck peer cannot hang the bench.
 */
export async function runTimedCommand(params: {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  workDirectory: string;
  timeoutMs: number;
}): Promise<TimedCommandResult> {
  const hasGnuTime = existsSync(GNU_TIME);
  const timeFile = join(params.workDirectory, `time-${process.hrtime.bigint()}.txt`);
  const [command, args] = hasGnuTime
    ? [GNU_TIME, ['-f', '%M', '-o', timeFile, params.command, ...params.args]]
    : [params.command, params.args];

  const startTime = performance.now();
  // A process group of its own, so a timeout kills the whole tree and not only GNU time.
  const child = spawn(command, args, {
    env: { ...process.env, ...params.env },
    cwd: params.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, params.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - startTime;

  let maxRssKiB: number | undefined;
  if (hasGnuTime) {
    const text = await readFile(timeFile, 'utf8').catch(() => '');
    // GNU time writes "Command exited with non-zero status N" above the figure on a failure.
    const figure = Number(text.trim().split('\n').at(-1));
    maxRssKiB = Number.isFinite(figure) && figure > 0 ? figure : undefined;
    await rm(timeFile, { force: true });
  }
  return { wallMs, maxRssKiB, exitCode, output };
}
