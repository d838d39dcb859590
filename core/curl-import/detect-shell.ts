import type { ShellDialect } from './shell-words.ts';

/**
 * Guesses which shell a pasted command was written for: from its line continuations first, then
 * from a URL in `^"…^"`, the escaped quotes Chrome's "Copy as cURL (cmd)" puts around every word,
 * then from `curl.exe`, which only Windows users type. A `curl.exe` line with single quotes is
 * PowerShell, because cmd has no single quotes.
 */
export function detectShell(command: string): ShellDialect {
  if (/\^\r?\n/.test(command)) return 'cmd';
  if (/`\r?\n/.test(command)) return 'powershell';
  if (/\\\r?\n/.test(command)) return 'bash';
  if (/^\s*curl(\.exe)?\s+\^"/i.test(command)) return 'cmd';
  if (/^\s*(&\s*)?curl\.exe\b/i.test(command)) {
    return command.includes("'") || /\$env:/i.test(command) ? 'powershell' : 'cmd';
  }
  return 'bash';
}
