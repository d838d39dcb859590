import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// CLI runs are kept in history under XDG_CONFIG_HOME, so each test process gets a temporary one
// unless a test passes its own.
const configDirectory = mkdtempSync(join(tmpdir(), 'hatz-tester-cli-config-'));
process.on('exit', () => rmSync(configDirectory, { recursive: true, force: true }));

/** The exit code of a CLI process (null when a signal ended it) and what it wrote. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the installed bin as a user would, in a child process with `stdin` piped in and stdout
 * piped out. The child gets PATH, a temporary XDG_CONFIG_HOME and `env` only, so no HATZ_
 * variable of the test shell reaches it and no run lands in the real history.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['cli/bin.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: configDirectory, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
