import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { callApi, postRun, SEED_INPUTS, startTestEmulator, waitUntil } from './helpers.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Sends raw bytes to the emulator and returns everything it writes until it closes. */
function sendRaw(emulator: RunningEmulator, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: emulator.port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.write(text);
  });
}

/** Builds a GET request with the practice key for `target`, written as is. */
function rawGet(target: string): string {
  const headers = `Host: x\r\nx-api-key: ${PRACTICE_KEY}\r\nConnection: close\r\n`;
  return `GET ${target} HTTP/1.1\r\n${headers}\r\n`;
}

describe('emulator server', () => {
  test('listens on 127.0.0.1 only', async (t) => {
    const emulator = await startTestEmulator(t);

    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    assert.ok(emulator.port > 0);
  });

  test('rejects an invalid option', async () => {
    await assert.rejects(startEmulator({ port: 70000 }), RangeError);
    await assert.rejects(startEmulator({ jobTimeScale: -1 }), RangeError);
    await assert.rejects(startEmulator({ keys: [''] }), RangeError);
  });

  test('rejects a port already in use', async (t) => {
    const emulator = await startTestEmulator(t);

    await assert.rejects(startEmulator({ port: emulator.port }), { code: 'EADDRINUSE' });
  });

  test('returns 404 for an unknown route', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/no/such/route');
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(body.detail, /^Not found/);
  });

  test('returns 405 with Allow for a wrong method', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/app/list', { method: 'DELETE' });

    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
  });

  test('returns 400 for bad percent-encoding in the path', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/workflows/%E0%A4%A');

    assert.equal(response.status, 400);
  });

  test('waits latencyMs before replying', async (t) => {
    const emulator = await startTestEmulator(t, { latencyMs: 120 });

    const startedAt = Date.now();
    await callApi(emulator, '/v1/chat/models');
    const elapsedMs = Date.now() - startedAt;

    assert.ok(elapsedMs >= 110, `replied after ${elapsedMs} ms`);
  });

  test('reads a run body after latencyMs', async (t) => {
    const emulator = await startTestEmulator(t, { latencyMs: 50 });
    emulator.faults.add({ kind: 'delay', ms: 50 });

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: SEED_INPUTS,
    });

    assert.equal(response.status, 200);
  });

  test('survives a request that is not HTTP', async (t) => {
    const emulator = await startTestEmulator(t);

    const reply = await sendRaw(emulator, 'NOT HTTP AT ALL\r\n\r\n');
    const response = await callApi(emulator, '/v1/chat/models');

    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.equal(response.status, 200);
  });

  test('rejects an absolute-form request target', async (t) => {
    const emulator = await startTestEmulator(t);

    const reply = await sendRaw(emulator, rawGet('http://example.invalid/v1/chat/models'));

    assert.match(reply, /^HTTP\/1\.1 400/);
  });

  test('reads a double-slash path as a path', async (t) => {
    const emulator = await startTestEmulator(t);

    const reply = await sendRaw(emulator, rawGet('//v1/chat/models'));

    assert.match(reply, /^HTTP\/1\.1 404/);
    assert.equal(emulator.stats.requests[0]?.path, '//v1/chat/models');
  });

  test('survives a client that closes mid-body', async (t) => {
    const emulator = await startTestEmulator(t);

    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: emulator.port }, () => {
        socket.end(
          `POST /v1/workflows/run HTTP/1.1\r\nHost: x\r\nx-api-key: ${PRACTICE_KEY}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"app_id":',
        );
      });
      socket.on('close', () => resolve());
      socket.resume();
    });
    await waitUntil(() => emulator.stats.inFlight === 0);
    const response = await callApi(emulator, '/v1/chat/models');

    assert.equal(response.status, 200);
    assert.equal(emulator.stats.requests[0]?.status, null);
  });
});

describe('X-Request-ID', () => {
  test('echoes a short opaque id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-request-id': 'client-123_abc' },
    });

    assert.equal(response.headers.get('x-request-id'), 'client-123_abc');
  });

  test('generates an id when none is sent', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models');

    assert.match(response.headers.get('x-request-id') ?? '', UUID_PATTERN);
  });

  test('replaces an id over 200 characters', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-request-id': 'a'.repeat(201) },
    });

    assert.match(response.headers.get('x-request-id') ?? '', UUID_PATTERN);
  });

  test('echoes an id of exactly 200 characters', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-request-id': 'a'.repeat(200) },
    });

    assert.equal(response.headers.get('x-request-id'), 'a'.repeat(200));
  });

  test('replaces an id with spaces', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models', {
      headers: { 'x-request-id': 'has a space' },
    });

    assert.match(response.headers.get('x-request-id') ?? '', UUID_PATTERN);
  });

  test('sends an id with an error reply', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await fetch(`${emulator.url}/v1/chat/models`, {
      headers: { 'x-request-id': 'failing-call' },
    });

    assert.equal(response.status, 401);
    assert.equal(response.headers.get('x-request-id'), 'failing-call');
  });

  test('sends an id with a fault reply', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'html-error' });

    const response = await callApi(emulator, '/v1/chat/models');

    assert.match(response.headers.get('x-request-id') ?? '', UUID_PATTERN);
  });
});

describe('request stats', () => {
  test('records method, path, query and status', async (t) => {
    const emulator = await startTestEmulator(t);

    await callApi(emulator, '/v1/app/list?limit=2&name=brief');

    assert.deepEqual(emulator.stats.requests, [
      {
        method: 'GET',
        path: '/v1/app/list',
        query: 'limit=2&name=brief',
        status: 200,
        hasApiKey: true,
        hasAuthorization: false,
        apiKeyInUrl: false,
        fault: null,
      },
    ]);
  });

  test('records which key headers were present', async (t) => {
    const emulator = await startTestEmulator(t);

    await fetch(`${emulator.url}/v1/chat/models`, { headers: { authorization: 'Bearer abc' } });

    assert.equal(emulator.stats.requests[0]?.hasApiKey, false);
    assert.equal(emulator.stats.requests[0]?.hasAuthorization, true);
    assert.equal(emulator.stats.requests[0]?.status, 401);
  });

  test('never contains a key value', async (t) => {
    const extraKey = 'customer-secret-key-42';
    const emulator = await startTestEmulator(t, { keys: [extraKey] });
    const keyHeader = { 'x-api-key': extraKey };

    await callApi(emulator, '/v1/chat/models', { headers: keyHeader });
    await callApi(emulator, `/v1/app/list?api_key=${extraKey}&key=${PRACTICE_KEY}`);
    await callApi(emulator, `/v1/workflows/${extraKey}`, { headers: keyHeader });
    await fetch(`${emulator.url}/v1/chat/models`, {
      headers: { authorization: `Bearer ${PRACTICE_KEY}` },
    });
    await postRun(emulator, { app_id: SAMPLE_WORKFLOW_IDS.companyBrief, inputs: SEED_INPUTS });
    const recorded = JSON.stringify(emulator.stats.requests);

    assert.equal(emulator.stats.requests.length, 5);
    assert.equal(recorded.includes(extraKey), false);
    assert.equal(recorded.includes(PRACTICE_KEY), false);
  });

  test('redacts a wrong key in the query', async (t) => {
    const emulator = await startTestEmulator(t);

    await callApi(emulator, '/v1/app/list?limit=5&api_key=wrong-secret&access_token=abc&name=x');

    assert.equal(
      emulator.stats.requests[0]?.query,
      'limit=5&api_key=[redacted]&access_token=[redacted]&name=x',
    );
    assert.equal(emulator.stats.requests[0]?.apiKeyInUrl, false);
  });

  test('flags a key found in the URL', async (t) => {
    const emulator = await startTestEmulator(t);

    await callApi(emulator, `/v1/app/list?api_key=${PRACTICE_KEY}`);

    assert.equal(emulator.stats.requests[0]?.apiKeyInUrl, true);
    assert.equal(emulator.stats.requests[0]?.query, 'api_key=[redacted]');
  });

  test('counts requests in flight', async (t) => {
    const emulator = await startTestEmulator(t, { latencyMs: 100 });

    await Promise.all([1, 2, 3].map(() => callApi(emulator, '/v1/chat/models')));

    assert.equal(emulator.stats.maxInFlight, 3);
    assert.equal(emulator.stats.inFlight, 0);
  });

  test('empties the record on reset', async (t) => {
    const emulator = await startTestEmulator(t);
    const requests = emulator.stats.requests;
    await callApi(emulator, '/v1/chat/models');

    emulator.stats.reset();

    assert.equal(requests.length, 0);
    assert.equal(emulator.stats.maxInFlight, 0);
  });
});

describe('close', () => {
  test('ends a stalled request and resolves', async () => {
    const emulator = await startEmulator();
    emulator.faults.add({ kind: 'stall-headers' });
    const request = callApi(emulator, '/v1/chat/models');
    request.catch(() => {});
    await waitUntil(() => emulator.stats.inFlight === 1);

    await emulator.close();

    await assert.rejects(request, TypeError);
    assert.equal(emulator.stats.inFlight, 0);
  });

  test('ends a request stalled mid-body', async () => {
    const emulator = await startEmulator();
    emulator.faults.add({ kind: 'stall-body' });
    const response = await callApi(emulator, '/v1/chat/models');

    await emulator.close();

    await assert.rejects(response.text());
  });

  test('cancels a pending delay', async () => {
    const emulator = await startEmulator({ latencyMs: 60_000 });
    const request = callApi(emulator, '/v1/chat/models');
    request.catch(() => {});
    await waitUntil(() => emulator.stats.inFlight === 1);

    const startedAt = Date.now();
    await emulator.close();

    assert.ok(Date.now() - startedAt < 1000);
    await assert.rejects(request);
  });

  test('stops accepting connections', async () => {
    const emulator = await startEmulator();

    await emulator.close();

    await assert.rejects(fetch(`${emulator.url}/v1/chat/models`), TypeError);
  });

  test('resolves when called twice', async () => {
    const emulator = await startEmulator();

    await Promise.all([emulator.close(), emulator.close()]);
    await emulator.close();
  });
});
