import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { resolveDataDirectory } from '../../core/data-directory.ts';

describe('resolveDataDirectory', () => {
  test('uses XDG_CONFIG_HOME on Linux', () => {
    const directory = resolveDataDirectory({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: '/home/ada/.cfg' },
      homeDirectory: '/home/ada',
    });

    assert.equal(directory, '/home/ada/.cfg/hatz-workflow-tester');
  });

  test('falls back to ~/.config on Linux', () => {
    const directory = resolveDataDirectory({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: '' },
      homeDirectory: '/home/ada',
    });

    assert.equal(directory, '/home/ada/.config/hatz-workflow-tester');
  });

  test('uses Application Support on macOS', () => {
    const directory = resolveDataDirectory({
      platform: 'darwin',
      env: { XDG_CONFIG_HOME: '/ignored' },
      homeDirectory: '/Users/ada',
    });

    assert.equal(directory, '/Users/ada/Library/Application Support/hatz-workflow-tester');
  });

  test('uses APPDATA on Windows', () => {
    const directory = resolveDataDirectory({
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      homeDirectory: 'C:\\Users\\ada',
    });

    assert.equal(directory, 'C:\\Users\\ada\\AppData\\Roaming\\hatz-workflow-tester');
  });
});
