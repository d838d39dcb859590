import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { createHatzClient } from '../../core/hatz-client.ts';
import { resolveSettings, type ClientSettings } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const SEED_INPUTS = '{"company_name":"Acme Corporation","industry":"Technology"}';

describe('HatzClient against the emulator', () => {
  let emulator: RunningEmulator;
  let otherOrigin: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
    otherOrigin = await startEmulator();
  });
  after(async () => {
    await Promise.all([emulator.close(), otherOrigin.close()]);
  });
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
    otherOrigin.stats.reset();
  });

  function client(apiKey = PRACTICE_KEY, overrides: Partial<ClientSettings> = {}) {
    const settings = resolveSettings({ baseUrl: emulator.url, ...overrides });
    return createHatzClient({ fetch: globalThis.fetch, apiKey, settings });
  }

  test('lists the sample workflows with inputs', async () => {
    const { result } = await client().listWorkflows();

    assert.equal(result.ok, true);
    const seed = result.ok
      ? result.value.find((w) => w.id === SAMPLE_WORKFLOW_IDS.companyBrief)
      : undefined;
    assert.equal(seed?.name, 'Company research brief');
    assert.equal(seed?.kind, 'workflow');
    assert.deepEqual(
      seed?.inputs.map((input) => input.variableName),
      ['company_name', 'industry'],
    );
    assert.deepEqual(
      seed?.inputs.map((input) => input.required),
      [true, true],
    );
  });

  test('filters the list by name', async () => {
    const { result } = await client().listWorkflows({ search: 'RESEARCH' });

    assert.equal(result.ok, true);
    assert.deepEqual(result.ok ? result.value.map((w) => w.id) : [], [
      SAMPLE_WORKFLOW_IDS.companyBrief,
    ]);
  });

  test('starts the seed workflow', async () => {
    const { exchange, result } = await client().startRun({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: SEED_INPUTS,
      isDraft: false,
    });

    assert.equal(result.ok, true);
    assert.match(result.ok ? result.value.jobId : '', /^[0-9a-f-]{36}$/);
    assert.equal(exchange?.status, 200);
    assert.ok((exchange?.durationMs ?? -1) >= 0);
  });

  test('sends X-API-Key and never Authorization', async () => {
    await client().listWorkflows();

    const [request] = emulator.stats.requests;
    assert.equal(request?.hasApiKey, true);
    assert.equal(request?.hasAuthorization, false);
    assert.equal(request?.apiKeyInUrl, false);
  });

  test('masks the key in the recorded headers', async () => {
    const { exchange } = await client('customer-key-0123456789-wxyz').listWorkflows();
    const recorded = JSON.stringify(exchange ?? {});

    assert.doesNotMatch(recorded, /customer-key-0123456789/);
  });

  test('shows the request id Hatz returns', async () => {
    const { exchange } = await client().getWorkflow(SAMPLE_WORKFLOW_IDS.companyBrief);
    const returned = exchange?.responseHeaders.find(([name]) => name === 'x-request-id')?.[1];

    assert.equal(returned, exchange?.requestId);
  });

  test('reports a wrong key as invalid-key', async () => {
    const { result } = await client('wrong-key-123456').listWorkflows();

    assert.equal(result.ok, false);
    assert.equal(result.ok ? undefined : result.failure.kind, 'invalid-key');
    assert.equal(result.ok ? undefined : result.failure.status, 401);
  });

  test('names the missing input', async () => {
    const { result } = await client().startRun({
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{"company_name":"Acme Corporation"}',
      isDraft: false,
    });

    assert.equal(result.ok, false);
    const failure = result.ok ? undefined : result.failure;
    assert.equal(failure?.kind, 'missing-input');
    assert.deepEqual(failure?.kind === 'missing-input' ? failure.inputs : [], ['industry']);
  });

  for (const status of [404, 400] as const) {
    test(`reports an unknown app answered with ${status}`, async () => {
      emulator.options.unknownAppStatus = status;
      const appId = '00000000-0000-4000-8000-000000000000';

      const { result } = await client().startRun({ appId, inputsText: '{}', isDraft: false });

      emulator.options.unknownAppStatus = 404;
      assert.equal(result.ok ? undefined : result.failure.kind, 'unknown-workflow');
    });
  }

  for (const style of [
    'detail-string',
    'detail-list',
    'error-object',
    'message',
    'plain-text',
  ] as const) {
    test(`reads missing inputs from a ${style} body`, async () => {
      emulator.options.errorBodyStyle = style;

      const { result } = await client().startRun({
        appId: SAMPLE_WORKFLOW_IDS.companyBrief,
        inputsText: '{}',
        isDraft: false,
      });

      emulator.options.errorBodyStyle = 'detail-string';
      assert.equal(result.ok ? undefined : result.failure.kind, 'missing-input');
    });
  }

  test('reports 429 with Retry-After', async () => {
    emulator.faults.add({
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { detail: 'No credits' },
    });

    const { result } = await client().listWorkflows();

    const failure = result.ok ? undefined : result.failure;
    assert.equal(failure?.kind, 'rate-limited');
    assert.equal(failure?.kind === 'rate-limited' ? failure.retryAfterSeconds : undefined, 7);
    assert.equal(failure?.serverMessage, 'No credits');
  });

  test('reports a 502 HTML page as server-error', async () => {
    emulator.faults.add({ kind: 'html-error', status: 502 });

    const { result } = await client().listWorkflows();

    assert.equal(result.ok ? undefined : result.failure.kind, 'server-error');
    assert.equal(result.ok ? undefined : result.failure.status, 502);
  });

  test('reports a non-JSON 200 as unexpected-body', async () => {
    emulator.faults.add({ kind: 'non-json' });

    const { result } = await client().listWorkflows();

    assert.equal(result.ok ? undefined : result.failure.kind, 'unexpected-body');
  });

  test('reads a gzip reply', async () => {
    emulator.faults.add({ kind: 'gzip' });

    const { result } = await client().listWorkflows();

    assert.equal(result.ok, true);
  });

  test('reports a reset as network', async () => {
    emulator.faults.add({ kind: 'reset' });

    const { result } = await client().listWorkflows();

    assert.equal(result.ok ? undefined : result.failure.kind, 'network');
  });

  test('times out a stalled reply', async () => {
    emulator.faults.add({ kind: 'stall-headers' });

    const { result } = await client(PRACTICE_KEY, { requestTimeoutMs: 200 }).listWorkflows();

    const failure = result.ok ? undefined : result.failure;
    assert.equal(failure?.kind, 'timeout');
    assert.equal(failure?.kind === 'timeout' ? failure.phase : undefined, 'request');
  });

  test('times out a body that stalls', async () => {
    emulator.faults.add({ kind: 'stall-body' });

    const { result } = await client(PRACTICE_KEY, { requestTimeoutMs: 200 }).listWorkflows();

    assert.equal(result.ok ? undefined : result.failure.kind, 'timeout');
  });

  test('reports a refused connection', async () => {
    const closed = await startEmulator();
    const url = closed.url;
    await closed.close();

    const settings = resolveSettings({ baseUrl: url });
    const { result } = await createHatzClient({
      fetch,
      apiKey: PRACTICE_KEY,
      settings,
    }).listWorkflows();

    const failure = result.ok ? undefined : result.failure;
    assert.equal(failure?.kind, 'network');
    assert.equal(failure?.kind === 'network' ? failure.code : undefined, 'ECONNREFUSED');
  });

  test('cuts a body over the size limit', async () => {
    emulator.faults.add({ kind: 'huge-body', bytes: 300_000 });

    const { exchange, result } = await client(PRACTICE_KEY, {
      maxBodyBytes: 100_000,
    }).listWorkflows();

    assert.equal(exchange?.responseBodyTruncated, true);
    assert.equal(exchange?.responseBody.length, 100_000);
    assert.equal(result.ok ? undefined : result.failure.kind, 'unexpected-body');
  });

  test('follows a same-origin redirect with the key', async () => {
    emulator.faults.add({
      kind: 'redirect',
      status: 307,
      location: '/v1/app/list?limit=100&offset=0',
    });

    const { result } = await client().listWorkflows();

    assert.equal(result.ok, true);
    assert.equal(emulator.stats.requests.length, 2);
    assert.equal(emulator.stats.requests[1]?.hasApiKey, true);
  });

  test('never sends the key across origins', async () => {
    emulator.faults.add({
      kind: 'redirect',
      status: 302,
      location: `${otherOrigin.url}/v1/app/list`,
    });

    const { result } = await client().listWorkflows();

    const failure = result.ok ? undefined : result.failure;
    assert.equal(failure?.kind, 'redirect-blocked');
    assert.equal(
      failure?.kind === 'redirect-blocked' ? failure.location : undefined,
      `${otherOrigin.url}/v1/app/list`,
    );
    assert.equal(otherOrigin.stats.requests.length, 0);
  });

  test('stops a redirect loop', async () => {
    emulator.faults.add({ kind: 'redirect', status: 302, location: '/v1/app/list', times: 20 });

    const { result } = await client().listWorkflows();

    const failure = result.ok ? undefined : result.failure;
    assert.equal(failure?.kind, 'network');
    assert.equal(failure?.kind === 'network' ? failure.code : undefined, 'TOO_MANY_REDIRECTS');
  });

  test('reports a job the server does not know', async () => {
    const { result } = await client().getJob('00000000-0000-4000-8000-000000000001');

    assert.equal(result.ok ? undefined : result.failure.kind, 'job-not-found');
  });
});
