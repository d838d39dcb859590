import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ErrorBodyStyle } from '../../emulator/options.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { postRun, startTestEmulator } from './helpers.ts';

const MISSING_INPUTS = 'Missing required inputs: company_name, industry';

async function requestMissingInputs(
  style: ErrorBodyStyle,
  t: Parameters<typeof startTestEmulator>[0],
) {
  const emulator = await startTestEmulator(t, { errorBodyStyle: style });
  const response = await postRun(emulator, {
    app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
    inputs: {},
  });
  return { response, text: await response.text() };
}

describe('error body styles', () => {
  test('sends detail as a string by default', async (t) => {
    const { response, text } = await requestMissingInputs('detail-string', t);

    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(text), { detail: MISSING_INPUTS });
  });

  test('sends a FastAPI detail list', async (t) => {
    const { text } = await requestMissingInputs('detail-list', t);

    assert.deepEqual(JSON.parse(text), {
      detail: [{ loc: ['body', 'inputs'], msg: MISSING_INPUTS, type: 'missing' }],
    });
  });

  test('sends an error object', async (t) => {
    const { text } = await requestMissingInputs('error-object', t);

    assert.deepEqual(JSON.parse(text), { error: { message: MISSING_INPUTS } });
  });

  test('sends a message field', async (t) => {
    const { text } = await requestMissingInputs('message', t);

    assert.deepEqual(JSON.parse(text), { message: MISSING_INPUTS });
  });

  test('sends plain text', async (t) => {
    const { response, text } = await requestMissingInputs('plain-text', t);

    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(text, MISSING_INPUTS);
  });

  test('applies a style changed between requests', async (t) => {
    const emulator = await startTestEmulator(t);

    emulator.options.errorBodyStyle = 'message';
    const response = await postRun(emulator, { inputs: {} });
    const body = (await response.json()) as { message: string };

    assert.equal(response.status, 400);
    assert.match(body.message, /app_id/);
  });

  test('styles an authentication error too', async (t) => {
    const emulator = await startTestEmulator(t, { errorBodyStyle: 'error-object' });

    const response = await fetch(`${emulator.url}/v1/chat/models`);
    const body = (await response.json()) as { error: { message: string } };

    assert.equal(response.status, 401);
    assert.match(body.error.message, /API key/);
  });
});
