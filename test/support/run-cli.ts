import { spawn } from 'node:child_process';

/** The exit code of a CLI process (null when a signal ended it) and what it wrote. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the installed bin as a user would, in a child process with `stdin` piped in and stdout
 * piped out. The child gets PATH and `env` only, so no HATZ_ variable of the test shell reaches it.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/bin.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
