import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';
import { readTree } from '../support/key-leaks.ts';

const CURL_KEY = 'hatz-curl-key-0123456789-wxyz';
const APP_ID = SAMPLE_WORKFLOW_IDS.companyBrief;

describe('input handlers', () => {
  let directory: string;
  let emulator: RunningEmulator;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-inputs-'));
    emulator = await startEmulator({ jobTimeScale: 0.01, keys: [CURL_KEY] });
  });
  afterEach(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function create() {
    const statuses: string[] = [];
    const app = await createTestHandlers({
      directory,
      sandboxUrl: emulator.url,
      emit: (channel, payload) => {
        if (channel === 'inputs.uploadStatus')
          statuses.push((payload as { status: string }).status);
      },
    });
    await app.handlers['connection.useSandbox']({});
    return { ...app, statuses };
  }

  test('gets one workflow by app id', async () => {
    const { handlers, dispose } = await create();

    const result = await handlers['inputs.getWorkflow']({ appId: ` ${APP_ID} ` });

    assert.equal(result.ok && result.value.workflow.name, 'Company research brief');
    await dispose();
  });

  test('shows the saved list when offline', async () => {
    const { handlers, dispose } = await create();
    const fresh = await handlers['inputs.listWorkflows']({});
    await emulator.close();

    const offline = await handlers['inputs.listWorkflows']({ search: 'company' });

    assert.equal(fresh.ok && fresh.value.savedAt, null);
    assert.equal(offline.ok, true);
    assert.match(offline.ok ? (offline.value.savedAt ?? '') : '', /^\d{4}-/);
    assert.equal(offline.ok && offline.value.offlineReason?.kind, 'network');
    assert.deepEqual(offline.ok && offline.value.workflows.map((workflow) => workflow.id), [
      APP_ID,
    ]);
    await dispose();
    emulator = await startEmulator();
  });

  test('fails offline without a saved list', async () => {
    const { handlers, dispose } = await create();
    await emulator.close();

    const result = await handlers['inputs.listWorkflows']({});

    assert.equal(result.ok, false);
    await dispose();
    emulator = await startEmulator();
  });

  test('keeps favourites and recents', async () => {
    const { handlers, dispose } = await create();
    const workflow = { id: APP_ID, name: 'Company research brief' };

    await handlers['inputs.setFavourite']({ workflow, isFavourite: true });
    await handlers['inputs.addRecent']({ workflow: { id: 'a', name: 'A' } });
    await handlers['inputs.addRecent']({ workflow });
    const picks = await handlers['inputs.getPicks']({});

    assert.deepEqual(picks.favourites, [workflow]);
    assert.deepEqual(
      picks.recents.map((recent) => recent.id),
      [APP_ID, 'a'],
    );
    await dispose();
  });

  test('removes a favourite', async () => {
    const { handlers, dispose } = await create();
    const workflow = { id: APP_ID, name: 'Company research brief' };
    await handlers['inputs.setFavourite']({ workflow, isFavourite: true });

    const picks = await handlers['inputs.setFavourite']({ workflow, isFavourite: false });

    assert.deepEqual(picks.favourites, []);
    await dispose();
  });

  test('uploads a file and reports each status', async () => {
    const { handlers, statuses, dispose } = await create();

    const result = await handlers['inputs.uploadFile']({
      uploadId: 'upload-1',
      appId: SAMPLE_WORKFLOW_IDS.documentSummary,
      fileName: 'notes.txt',
      mimeType: 'text/plain',
      contentBase64: Buffer.from('hello').toString('base64'),
    });

    assert.equal(result.ok, true);
    assert.equal(statuses.at(-1), 'ready');
    await dispose();
  });

  test('parses cURL without sending the key back', async () => {
    const { handlers, dispose } = await create();
    const command = `curl ${emulator.url}/v1/workflows/run -H "X-API-Key: ${CURL_KEY}" -d '{"app_id": "${APP_ID}", "inputs": {}}'`;

    const result = await handlers['inputs.parseCurl']({ command });

    assert.equal(result.ok && result.value.keyLastFour, 'wxyz');
    assert.equal(result.ok && result.value.appId, APP_ID);
    assert.equal(JSON.stringify(result).includes(CURL_KEY), false);
    await dispose();
  });

  test('stores the cURL key as a named key only on request', async () => {
    const { handlers, dispose } = await create();
    const command = `curl ${emulator.url}/v1/workflows/run -H "X-API-Key: ${CURL_KEY}" -d '{}'`;
    const parsed = await handlers['inputs.parseCurl']({ command });
    assert.ok(parsed.ok);
    const before = await handlers['connection.get']({});

    const stored = await handlers['inputs.storeCurlKey']({
      importId: parsed.value.importId,
      label: 'Customer key',
    });

    assert.equal(before.isSandbox, true);
    assert.equal(stored.ok && stored.value.key?.label, 'Customer key');
    assert.equal(stored.ok && stored.value.baseUrl, `${emulator.url}/v1`);
    assert.equal((await readTree(directory)).includes(CURL_KEY), false);
    await dispose();
  });

  test('rejects an unknown import id', async () => {
    const { handlers, dispose } = await create();

    const result = await handlers['inputs.storeCurlKey']({ importId: 'nope', label: 'x' });

    assert.equal(result.ok, false);
    await dispose();
  });
});
