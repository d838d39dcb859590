import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import Conf from 'conf';

import { openStoreWithRecovery } from '../../core/open-store-with-recovery.ts';

async function waitForFile(path: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (existsSync(path)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${path} was not written within 5 s`);
}

describe('openStoreWithRecovery', () => {
  let directory: string;
  let filePath: string;
  const open = () =>
    new Conf<Record<string, unknown>>({
      cwd: directory,
      configName: 'settings',
      projectName: 'hatz-workflow-tester',
      clearInvalidConfig: false,
    });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-store-'));
    filePath = join(directory, 'settings.json');
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  test('opens a valid file unchanged', async () => {
    await writeFile(filePath, '{"theme":"light"}');

    const { store, warning } = openStoreWithRecovery(open, filePath);

    assert.equal(store.get('theme'), 'light');
    assert.equal(warning, undefined);
  });

  for (const [name, content] of [
    ['truncated JSON', '{"theme": "li'],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u0001\u0002'],
  ] as const) {
    test(`moves aside ${name}`, async () => {
      await writeFile(filePath, content);

      const { store, warning } = openStoreWithRecovery(open, filePath);
      const moved = (await readdir(directory)).find((file) =>
        file.startsWith('settings.json.corrupt-'),
      );

      assert.equal(store.get('theme'), undefined);
      assert.ok(moved);
      assert.equal(await readFile(join(directory, moved), 'utf8'), content);
      assert.match(warning ?? '', /moved to .*settings\.json\.corrupt-/);
    });
  }

  test('survives writers killed mid-write', async () => {
    // A child rewrites the store in a loop; each round it is killed at a random moment, and the
    // file must still open with one of the values it wrote.
    const writer = `
      const Conf = (await import('conf')).default;
      const store = new Conf({ cwd: ${JSON.stringify(directory)}, configName: 'settings', projectName: 'hatz-workflow-tester', clearInvalidConfig: false });
      for (let i = 0; ; i++) store.set('value', { i, padding: 'x'.repeat(10000) });
    `;
    for (let round = 0; round < 15; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', writer], {
        stdio: 'ignore',
      });
      await waitForFile(filePath);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('close', resolve));

      const { store, warning } = openStoreWithRecovery(open, filePath);

      assert.equal(warning, undefined, `round ${round} left a file that cannot be read`);
      assert.equal(typeof (store.get('value') as { i?: unknown } | undefined)?.i, 'number');
    }
  });
});
