import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { isRendererUrl, serveRendererFile } from '../../electron/renderer-protocol.ts';

describe('serveRendererFile', () => {
  let directory: string;
  let root: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-protocol-'));
    root = join(directory, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'app.js'), 'export {}');
    await writeFile(join(directory, 'secret.txt'), 'outside');
  });
  after(() => rm(directory, { recursive: true, force: true }));

  test('serves index.html for the root', async () => {
    const response = await serveRendererFile(root, 'app://renderer/');

    assert.equal(response.status, 200);
    assert.equal(await response.text(), '<!doctype html>');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  test('serves a script with its type', async () => {
    const response = await serveRendererFile(root, 'app://renderer/assets/app.js');

    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/javascript/);
  });

  const outside = [
    'app://renderer/../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'app://renderer/missing.js',
  ];
  for (const url of outside) {
    test(`returns 404 for ${url}`, async () => {
      const response = await serveRendererFile(root, url);

      assert.equal(response.status, 404);
    });
  }
});

describe('isRendererUrl', () => {
  const cases: Array<[string | undefined, boolean]> = [
    ['app://renderer/index.html', true],
    ['app://renderer', true],
    ['app://renderer.evil/index.html', false],
    ['app://other/index.html', false],
    ['https://renderer/index.html', false],
    ['file:///app/renderer/index.html', false],
    ['not a url', false],
    [undefined, false],
  ];
  for (const [url, expected] of cases) {
    test(`returns ${expected} for ${url}`, () => {
      assert.equal(isRendererUrl(url), expected);
    });
  }
});
