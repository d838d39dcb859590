import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

/**
 * Name of the app's data directory. The main process sets `userData` to the directory built from
 * it, so a packaged build whose product name differs still shares its history with the CLI.
 */
export const APP_DATA_NAME = 'hatz-workflow-tester';

export interface DataDirectoryEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDirectory: string;
}

/**
 * Returns the directory that Electron's `app.getPath('userData')` gives the app, so the CLI reads
 * and writes the same history: `%APPDATA%` on Windows, `~/Library/Application Support` on macOS,
 * and `$XDG_CONFIG_HOME` or `~/.config` elsewhere, each followed by the app's name.
 */
export function resolveDataDirectory(
  environment: DataDirectoryEnvironment = {
    platform: process.platform,
    env: process.env,
    homeDirectory: homedir(),
  },
): string {
  const { platform, env, homeDirectory } = environment;
  if (platform === 'win32') {
    return win32.join(
      env.APPDATA || win32.join(homeDirectory, 'AppData', 'Roaming'),
      APP_DATA_NAME,
    );
  }
  if (platform === 'darwin') {
    return posix.join(homeDirectory, 'Library', 'Application Support', APP_DATA_NAME);
  }
  return posix.join(env.XDG_CONFIG_HOME || posix.join(homeDirectory, '.config'), APP_DATA_NAME);
}

/** Returns the history's directory inside a data directory. */
export function historyDirectory(dataDirectory: string): string {
  return join(dataDirectory, 'history');
}
