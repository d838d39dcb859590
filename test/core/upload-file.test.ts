import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createHatzClient } from '../../core/hatz-client.ts';
import { resolveSettings } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const FAST_POLLING = { pollInitialMs: 20, pollMaxMs: 50 };

describe('HatzClient uploadFile', () => {
  let current: RunningEmulator;
  let older: RunningEmulator;

  before(async () => {
    current = await startEmulator({ jobTimeScale: 0.01 });
    older = await startEmulator({ jobTimeScale: 0.01, uploadReplyStyle: 'file_uuid' });
  });
  after(async () => {
    await Promise.all([current.close(), older.close()]);
  });

  function client(emulator: RunningEmulator) {
    const settings = resolveSettings({ baseUrl: emulator.url, ...FAST_POLLING });
    return createHatzClient({ fetch: globalThis.fetch, apiKey: PRACTICE_KEY, settings });
  }

  function upload(
    emulator: RunningEmulator,
    bytes: Uint8Array<ArrayBuffer>,
    statuses: string[] = [],
  ) {
    return client(emulator).uploadFile({
      appId: SAMPLE_WORKFLOW_IDS.documentSummary,
      fileName: 'notes.txt',
      mimeType: 'text/plain',
      bytes,
      onStatus: (status) => statuses.push(status),
    });
  }

  test('waits until the file is ready', async () => {
    const statuses: string[] = [];

    const { result } = await upload(current, new TextEncoder().encode('hello'), statuses);

    assert.equal(result.ok, true);
    assert.match(result.ok ? result.value.fileId : '', /\S/);
    assert.equal(statuses.at(-1), 'ready');
    assert.ok(statuses.includes('uploading'));
  });

  test('reads the older file_uuid reply', async () => {
    const { result } = await upload(older, new TextEncoder().encode('hello'));

    assert.equal(result.ok, true);
  });

  test('sends the workflow scope', async () => {
    current.stats.reset();

    await upload(current, new TextEncoder().encode('x'));

    const request = current.stats.requests.find((entry) => entry.path === '/v1/files/upload');
    assert.equal(request?.method, 'POST');
  });

  test('reports a file that failed processing', async () => {
    const { result } = await upload(current, new Uint8Array(0));

    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : JSON.stringify(result.failure), /could not process the file/);
  });
});
