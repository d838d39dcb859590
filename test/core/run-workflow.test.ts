import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { createHatzClient } from '../../core/hatz-client.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import type { RunSnapshot } from '../../core/schemas.ts';
import { resolveSettings, type ClientSettings } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const SEED_INPUTS = '{"company_name":"Acme Corporation","industry":"Technology"}';
const FAST_POLLING: Partial<ClientSettings> = { pollInitialMs: 20, pollMaxMs: 50 };

describe('runWorkflow against the emulator', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.faults.clear());

  function run(options: {
    appId: string;
    inputsText?: string;
    settings?: Partial<ClientSettings>;
    signal?: AbortSignal;
    follow?: boolean;
  }) {
    const updates: RunSnapshot[] = [];
    const settings = resolveSettings({
      baseUrl: emulator.url,
      ...FAST_POLLING,
      ...options.settings,
    });
    const finished = runWorkflow({
      client: createHatzClient({ fetch: globalThis.fetch, apiKey: PRACTICE_KEY, settings }),
      runId: 'run-1',
      appId: options.appId,
      inputsText: options.inputsText ?? '{}',
      isDraft: false,
      signal: options.signal,
      follow: options.follow,
      onUpdate: (snapshot) => updates.push(snapshot),
    });
    return { finished, updates };
  }

  test('follows the seed workflow to its output', async () => {
    const { finished, updates } = run({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: SEED_INPUTS,
    });

    const snapshot = await finished;

    assert.equal(snapshot.phase, 'completed');
    assert.equal(snapshot.failure, undefined);
    assert.equal(snapshot.job?.state, 'completed');
    assert.match(JSON.stringify(snapshot.job?.outputs), /Acme Corporation/);
    assert.equal(updates.at(-1)?.phase, 'completed');
    assert.ok(updates.some((update) => update.phase === 'following'));
  });

  test('ends an unfollowed run as started', async () => {
    const { finished } = run({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: SEED_INPUTS,
      follow: false,
    });

    const snapshot = await finished;

    assert.equal(snapshot.phase, 'started');
    assert.match(snapshot.jobId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(snapshot.job, undefined);
    assert.equal(snapshot.failure, undefined);
  });

  test('keeps a timeline in order', async () => {
    const snapshot = await run({ appId: SAMPLE_WORKFLOW_IDS.companyBrief, inputsText: SEED_INPUTS })
      .finished;
    const labels = snapshot.timeline.map((entry) => entry.label);

    assert.equal(labels[0], 'Checking and sending the run request');
    assert.match(labels[1] ?? '', /^Job .* started$/);
    assert.equal(labels.at(-1), 'Job complete');
  });

  test('reports a failing job', async () => {
    const snapshot = await run({
      appId: SAMPLE_WORKFLOW_IDS.invoiceExtraction,
      inputsText: '{"invoice_text":"1 x widget"}',
    }).finished;

    assert.equal(snapshot.phase, 'failed');
    assert.equal(snapshot.failure?.kind, 'job-failed');
    const jobError =
      snapshot.failure?.kind === 'job-failed' ? snapshot.failure.jobError : undefined;
    assert.ok(jobError);
  });

  test('stops before sending invalid inputs', async () => {
    emulator.stats.reset();

    const snapshot = await run({ appId: SAMPLE_WORKFLOW_IDS.companyBrief, inputsText: '{"a": 1,}' })
      .finished;

    assert.equal(snapshot.failure?.kind, 'invalid-input');
    assert.equal(snapshot.exchange, undefined);
    assert.equal(emulator.stats.requests.length, 0);
  });

  test('cancels while following', async () => {
    const controller = new AbortController();
    const { finished, updates } = run({
      appId: SAMPLE_WORKFLOW_IDS.marketReport,
      inputsText: '{"region":"EMEA"}',
      settings: { pollInitialMs: 10_000 },
      signal: controller.signal,
    });

    while (!updates.some((update) => update.phase === 'following'))
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const snapshot = await finished;

    assert.equal(snapshot.phase, 'cancelled');
    assert.equal(snapshot.failure?.kind, 'cancelled');
  });

  test('gives up after the job timeout', async () => {
    const snapshot = await run({
      appId: SAMPLE_WORKFLOW_IDS.marketReport,
      inputsText: '{"region":"EMEA"}',
      settings: { jobTimeoutMs: 100 },
    }).finished;

    assert.equal(snapshot.failure?.kind, 'timeout');
    assert.equal(snapshot.failure?.kind === 'timeout' ? snapshot.failure.phase : undefined, 'job');
  });

  test('recovers from job-status 404s', async () => {
    emulator.faults.add({
      method: 'GET',
      path: /^\/v1\/workflows\/[^/]+$/,
      kind: 'status',
      status: 404,
      times: 2,
    });

    const snapshot = await run({ appId: SAMPLE_WORKFLOW_IDS.companyBrief, inputsText: SEED_INPUTS })
      .finished;

    assert.equal(snapshot.phase, 'completed');
    assert.ok(snapshot.timeline.some((entry) => /Job not found/.test(entry.label)));
  });

  test('stops after too many failed polls', async () => {
    emulator.faults.add({
      method: 'GET',
      path: /^\/v1\/workflows\/[^/]+$/,
      kind: 'html-error',
      status: 503,
      times: 10,
    });

    const snapshot = await run({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: SEED_INPUTS,
      settings: { maxPollFailures: 2 },
    }).finished;

    assert.equal(snapshot.phase, 'failed');
    assert.equal(snapshot.failure?.kind, 'server-error');
  });
});
