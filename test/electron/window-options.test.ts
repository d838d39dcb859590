import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createWindowOptions } from '../../electron/window-options.ts';

describe('createWindowOptions', () => {
  const preferences =
    createWindowOptions('/app/preload.cjs', 'persist:renderer').webPreferences ?? {};

  const expected: Array<[keyof typeof preferences, unknown]> = [
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['disableBlinkFeatures', 'Auxclick'],
    ['preload', '/app/preload.cjs'],
    ['partition', 'persist:renderer'],
  ];
  for (const [name, value] of expected) {
    test(`sets ${name} to ${String(value)}`, () => {
      assert.equal(preferences[name], value);
    });
  }
});
