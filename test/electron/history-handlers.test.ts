import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { MAX_INLINE_BODY_LENGTH } from '../../core/body-shelf.ts';
import { openHistoryStore } from '../../core/history-store.ts';
import type { RunSnapshot } from '../../core/schemas.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createTestHandlers } from '../support/create-test-handlers.ts';
import { makeLargeHistoryRecords, writeHistorySegments } from '../support/history-segments.ts';
import { readTree } from '../support/key-leaks.ts';

const CUSTOMER_KEY = 'hatz-customer-key-0123456789-wxyz';
const SEED_INPUTS = '{"company_name":"Acme Corporation","industry":"Technology"}';

describe('history handlers', () => {
  let directory: string;
  let emulator: RunningEmulator;
  const disposers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-history-handlers-'));
    emulator = await startEmulator({ jobTimeScale: 0.02, keys: [CUSTOMER_KEY] });
  });
  afterEach(async () => {
    await Promise.all(disposers.splice(0).map((dispose) => dispose()));
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function create() {
    const history = await openHistoryStore({ directory: join(directory, 'history') });
    const kept: { problem?: string }[] = [];
    const app = await createTestHandlers({
      directory,
      sandboxUrl: emulator.url,
      history,
      emit: (channel, payload) => {
        if (channel === 'history.changed') kept.push(payload as { problem?: string });
      },
    });
    disposers.push(async () => {
      await app.dispose();
      await history.close();
    });
    const { handlers } = app;

    /** Runs the seed workflow and resolves once its run is in history. */
    async function runAndKeep(inputsText = SEED_INPUTS): Promise<string> {
      const before = kept.length;
      const started = await handlers['runs.start']({
        appId: SAMPLE_WORKFLOW_IDS.companyBrief,
        inputsText,
        isDraft: false,
        workflowName: 'Company research brief',
      });
      assert.equal(started.ok, true);
      while (kept.length === before) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(kept.at(-1)?.problem, undefined);
      return started.ok ? started.value.runId : '';
    }
    return { handlers, runAndKeep };
  }

  test('keeps a finished run with its key label and last four', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });

    const runId = await runAndKeep();
    const { record } = await handlers['history.get']({ id: runId });

    assert.equal(record?.phase, 'completed');
    assert.equal(record?.request.workflowName, 'Company research brief');
    assert.equal(record?.request.inputsText, SEED_INPUTS);
    assert.equal(record?.request.baseUrl, `${emulator.url}/v1`);
    assert.equal(record?.key?.lastFour, 'wxyz');
    assert.equal(record?.source, 'app');
    assert.match(record?.requestId ?? '', /^hwt-/);
    assert.doesNotMatch(await readTree(directory), new RegExp(CUSTOMER_KEY));
  });

  test('hands a kept run with a large body over with the body held', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.useSandbox']({});
    const bodyBytes = MAX_INLINE_BODY_LENGTH * 2;
    emulator.faults.add({
      kind: 'huge-body',
      bytes: bodyBytes,
      method: 'POST',
      path: '/v1/workflows/run',
    });

    const runId = await runAndKeep();
    const { record } = await handlers['history.get']({ id: runId });
    const heldBody = record?.exchange?.heldResponseBody;
    const tail = await handlers['bodies.read']({
      id: heldBody?.id ?? '',
      start: bodyBytes - 10,
      end: bodyBytes,
    });

    assert.equal(record?.exchange?.responseBody, '');
    assert.equal(heldBody?.length, bodyBytes);
    assert.equal(tail.text?.length, 10);
  });

  test('lists the newest page and searches all runs while indexing', async () => {
    const historyDirectory = join(directory, 'large-history');
    await mkdir(historyDirectory);
    const records = makeLargeHistoryRecords(600, 24 * 1024);
    records[0]!.request.workflowName = 'Oldest workflow of all';
    await writeHistorySegments(historyDirectory, records);
    // A first open writes the file that lets later opens read the newest runs first.
    await (await openHistoryStore({ directory: historyDirectory })).close();
    const history = await openHistoryStore({
      directory: historyDirectory,
      isIndexedInBackground: true,
    });
    const app = await createTestHandlers({ directory, sandboxUrl: emulator.url, history });
    disposers.push(async () => {
      await app.dispose();
      await history.close();
    });

    const newest = await app.handlers['history.list']({ offset: 0, limit: 50 });
    const found = await app.handlers['history.list']({
      offset: 0,
      limit: 50,
      search: 'oldest workflow',
    });

    assert.deepEqual(
      newest.entries.map((entry) => entry.id),
      records
        .slice(-50)
        .map((record) => record.id)
        .reverse(),
    );
    assert.deepEqual(
      found.entries.map((entry) => entry.id),
      [records[0]!.id],
    );
    assert.equal(found.isComplete, true);
    assert.equal(found.total, 1);
  });

  test('finds a run by a word of its output', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.useSandbox']({});
    const acme = await runAndKeep();
    await runAndKeep('{"company_name":"Globex","industry":"Energy"}');

    const page = await handlers['history.list']({ search: 'acme', offset: 0, limit: 50 });

    assert.deepEqual(
      page.entries.map((entry) => entry.id),
      [acme],
    );
    assert.deepEqual(page.workflows, [
      { appId: SAMPLE_WORKFLOW_IDS.companyBrief, name: 'Company research brief' },
    ]);
  });

  test('copies a kept run as cURL without the key', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });
    const runId = await runAndKeep();

    const snippet = await handlers['history.snippet']({
      source: { historyId: runId },
      language: 'curl-bash',
      includeKey: false,
    });

    assert.equal(snippet.ok, true);
    assert.doesNotMatch(snippet.ok ? snippet.value.text : '', new RegExp(CUSTOMER_KEY));
    assert.match(snippet.ok ? snippet.value.text : '', /\$HATZ_API_KEY/);
  });

  test('includes the key only when asked', async () => {
    const { handlers } = await create();
    await handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });

    const snippet = await handlers['history.snippet']({
      source: { appId: SAMPLE_WORKFLOW_IDS.companyBrief, inputsText: SEED_INPUTS, isDraft: true },
      language: 'python',
      includeKey: true,
    });

    assert.match(snippet.ok ? snippet.value.text : '', new RegExp(CUSTOMER_KEY));
    assert.match(snippet.ok ? snippet.value.text : '', /is_draft_app\\":true/);
  });

  test('refuses to include a key other than the one a run used', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.useSandbox']({});
    const runId = await runAndKeep();
    await handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });

    const snippet = await handlers['history.snippet']({
      source: { historyId: runId },
      language: 'curl-bash',
      includeKey: true,
    });

    assert.equal(snippet.ok, false);
  });

  test('exports runs as JSON and CSV without the key', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.saveKey']({ apiKey: CUSTOMER_KEY, baseUrl: emulator.url });
    const runId = await runAndKeep();

    const json = await handlers['history.export']({ ids: [runId], format: 'json' });
    const csv = await handlers['history.export']({ ids: [runId], format: 'csv' });

    assert.equal(JSON.parse(json.text)[0].id, runId);
    assert.match(csv.text.split('\r\n')[1] ?? '', new RegExp(`^${runId},`));
    assert.doesNotMatch(json.text + csv.text, new RegExp(CUSTOMER_KEY));
    assert.match(json.fileName, /\.json$/);
  });

  test('deletes, restores, pins and clears', async () => {
    const { handlers, runAndKeep } = await create();
    await handlers['connection.useSandbox']({});
    const first = await runAndKeep();
    const second = await runAndKeep();
    const total = async () => (await handlers['history.list']({ offset: 0, limit: 10 })).total;

    await handlers['history.delete']({ ids: [first] });
    const afterDelete = await total();
    await handlers['history.restore']({ ids: [first] });
    const afterRestore = await total();
    await handlers['history.pin']({ id: second, pinned: true });
    const cleared = await handlers['history.clear']({ keepPinned: true });

    assert.equal(afterDelete, 1);
    assert.equal(afterRestore, 2);
    assert.equal(cleared.count, 1);
    assert.equal(await total(), 1);
  });

  test('saves the retention setting', async () => {
    const { handlers } = await create();

    const saved = await handlers['history.setRetention']({ maxRuns: 500, maxAgeDays: 30 });

    assert.deepEqual(saved, { maxRuns: 500, maxAgeDays: 30 });
    assert.deepEqual(await handlers['history.getRetention']({}), saved);
  });

  test('keeps a cancelled run', async () => {
    const { handlers } = await create();
    await handlers['connection.useSandbox']({});
    const events: RunSnapshot[] = [];

    const started = await handlers['runs.start']({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: SEED_INPUTS,
      isDraft: false,
    });
    await handlers['runs.cancel']({ runId: started.ok ? started.value.runId : '' });
    let record = null;
    for (let attempt = 0; attempt < 200 && !record; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      record = (await handlers['history.get']({ id: started.ok ? started.value.runId : '' }))
        .record;
    }

    assert.equal(events.length, 0);
    assert.equal(record?.phase, 'cancelled');
    assert.equal(record?.request.workflowName, '');
  });
});
