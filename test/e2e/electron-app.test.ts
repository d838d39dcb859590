import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

import { _electron } from 'playwright-core';

/**
 * Finds the Electron binary without loading the `electron` package, whose entry point tries to
 * download the binary when it is missing.
 */
function findElectronBinary(): string | undefined {
  const directory = resolve('node_modules/electron');
  const pathFile = join(directory, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(directory, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const electronBinary = findElectronBinary();
const skipReason = electronBinary
  ? false
  : 'the Electron binary is not installed (node_modules/electron/path.txt is missing); "npm start" downloads it where the network allows';

test('real app opens a hardened window', { skip: skipReason }, async () => {
  const app = await _electron.launch({ executablePath: electronBinary, args: ['.'] });
  try {
    const appWindow = await app.firstWindow();
    await appWindow.getByRole('button', { name: 'Use practice sandbox' }).waitFor();

    const exposure = await appWindow.evaluate(() => ({
      hasBridge: typeof window.hatz?.runs?.start === 'function',
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
    }));
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      return { url: contents.getURL() };
    });

    assert.equal(exposure.hasBridge, true);
    assert.equal(exposure.hasRequire, false);
    assert.equal(exposure.hasProcess, false);
    assert.match(preferences.url, /^app:\/\/renderer\//);
  } finally {
    await app.close();
  }
});
