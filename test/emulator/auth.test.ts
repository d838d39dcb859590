import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY } from '../../emulator/server.ts';
import { callApi, postRun, SEED_INPUTS, startTestEmulator } from './helpers.ts';

describe('emulator authentication', () => {
  test('accepts the practice key', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models');

    assert.equal(response.status, 200);
  });

  test('rejects a request without a key', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await fetch(`${emulator.url}/v1/chat/models`);
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 401);
    assert.match(body.detail, /Missing API key/);
  });

  test('rejects an empty key', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', { headers: { 'x-api-key': '' } });

    assert.equal(response.status, 401);
  });

  test('rejects a wrong key', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-api-key': 'not-a-key' },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 401);
    assert.equal(body.detail, 'Invalid API key.');
  });

  test('reads the header name case-insensitively', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await fetch(`${emulator.url}/v1/chat/models`, {
      headers: { 'X-API-KEY': PRACTICE_KEY },
    });

    assert.equal(response.status, 200);
  });

  test('rejects a Bearer token', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await fetch(`${emulator.url}/v1/chat/models`, {
      headers: { authorization: `Bearer ${PRACTICE_KEY}` },
    });

    assert.equal(response.status, 401);
  });

  test('rejects Authorization next to a valid key', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 401);
    assert.match(body.detail, /Authorization header is not accepted/);
  });

  test('never reads a key from the query string', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await fetch(`${emulator.url}/v1/chat/models?x-api-key=${PRACTICE_KEY}`);

    assert.equal(response.status, 401);
  });

  test('accepts an extra key from the options', async (t) => {
    const emulator = await startTestEmulator(t, { keys: ['customer-key-1'] });

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-api-key': 'customer-key-1' },
    });

    assert.equal(response.status, 200);
  });

  test('reads extra keys live from the options', async (t) => {
    const emulator = await startTestEmulator(t);
    const headers = { 'x-api-key': 'added-later' };

    const before = await callApi(emulator, '/v1/chat/models', { headers });
    emulator.options.keys.push('added-later');
    const after = await callApi(emulator, '/v1/chat/models', { headers });

    assert.equal(before.status, 401);
    assert.equal(after.status, 200);
  });

  test('forbids a forbidden key to run a workflow', async (t) => {
    const emulator = await startTestEmulator(t, { forbiddenKeys: ['limited-key'] });

    const response = await postRun(
      emulator,
      { app_id: SAMPLE_WORKFLOW_IDS.companyBrief, inputs: SEED_INPUTS },
      { 'x-api-key': 'limited-key' },
    );

    assert.equal(response.status, 403);
  });

  test('forbids a forbidden key to list apps', async (t) => {
    const emulator = await startTestEmulator(t, { forbiddenKeys: ['limited-key'] });

    const response = await callApi(emulator, '/v1/app/list', {
      headers: { 'x-api-key': 'limited-key' },
    });

    assert.equal(response.status, 403);
  });

  test('lets a forbidden key list models', async (t) => {
    const emulator = await startTestEmulator(t, { forbiddenKeys: ['limited-key'] });

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-api-key': 'limited-key' },
    });

    assert.equal(response.status, 200);
  });
});
