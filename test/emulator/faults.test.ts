import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { callApi, startTestEmulator, waitUntil } from './helpers.ts';

const MODELS = '/v1/chat/models';

describe('fault queue', () => {
  test('applies a fault to the next request only', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'status', status: 500 });

    const first = await callApi(emulator, MODELS);
    const second = await callApi(emulator, MODELS);

    assert.equal(first.status, 500);
    assert.equal(second.status, 200);
  });

  test('recovers after a 404 repeated twice', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'status', status: 404, times: 2 });

    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await callApi(emulator, MODELS)).status);
    }

    assert.deepEqual(statuses, [404, 404, 200]);
  });

  test('skips requests with another method or path', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ method: 'post', path: '/v1/workflows/run', kind: 'status', status: 503 });

    const otherPath = await callApi(emulator, '/v1/app/list');
    const otherMethod = await callApi(emulator, '/v1/workflows/run');

    assert.equal(otherPath.status, 200);
    assert.equal(otherMethod.status, 405);
    assert.equal(emulator.faults.pending, 1);
  });

  test('matches a global pattern repeatedly', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ path: /^\/v1\/app\//g, kind: 'status', status: 502, times: 2 });

    const first = await callApi(emulator, '/v1/app/list');
    const second = await callApi(emulator, `/v1/app/${SAMPLE_WORKFLOW_IDS.companyBrief}`);

    assert.equal(first.status, 502);
    assert.equal(second.status, 502);
  });

  test('matches a path without the query', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ path: '/v1/app/list', kind: 'status', status: 500 });

    const response = await callApi(emulator, '/v1/app/list?limit=1');

    assert.equal(response.status, 500);
  });

  test('forgets faults on clear', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'status', status: 500, times: 3 });

    emulator.faults.clear();
    const response = await callApi(emulator, MODELS);

    assert.equal(response.status, 200);
    assert.equal(emulator.faults.pending, 0);
  });

  test('rejects an invalid fault', async (t) => {
    const emulator = await startTestEmulator(t);

    assert.throws(() => emulator.faults.add({ kind: 'status', status: 42 }), RangeError);
    assert.throws(() => emulator.faults.add({ kind: 'reset', times: 0 }), RangeError);
    assert.throws(() => emulator.faults.add({ kind: 'huge-body', bytes: 5 }), RangeError);
    assert.throws(
      () => emulator.faults.add({ kind: 'redirect', location: '/a\r\nx-injected: 1' }),
      RangeError,
    );
  });

  test('records the fault kind in stats', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'non-json' });

    await (await callApi(emulator, MODELS)).text();

    assert.equal(emulator.stats.requests[0]?.fault, 'non-json');
  });
});

describe('fault kinds', () => {
  test('status sends 429 with Retry-After', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { detail: 'Monthly credit limit reached' },
    });

    const response = await callApi(emulator, MODELS);
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal(body.detail, 'Monthly credit limit reached');
  });

  test('status sends a bare 429', async (t) => {
    const emulator = await startTestEmulator(t, { errorBodyStyle: 'message' });
    emulator.faults.add({ kind: 'status', status: 429 });

    const response = await callApi(emulator, MODELS);
    const body = (await response.json()) as { message: string };

    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), null);
    assert.equal(body.message, 'Too Many Requests');
  });

  test('status sends a text body with its content type', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'status', status: 403, body: 'nope', contentType: 'text/csv' });

    const response = await callApi(emulator, MODELS);

    assert.equal(response.status, 403);
    assert.equal(response.headers.get('content-type'), 'text/csv');
    assert.equal(await response.text(), 'nope');
  });

  test('html-error sends an HTML page', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'html-error', status: 503 });

    const response = await callApi(emulator, MODELS);
    const text = await response.text();

    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(text, /<title>503 Service Unavailable<\/title>/);
  });

  test('non-json sends 200 with text', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'non-json', body: 'maintenance', contentType: 'application/json' });

    const response = await callApi(emulator, MODELS);
    const text = await response.text();

    assert.equal(response.status, 200);
    assert.equal(text, 'maintenance');
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  test('reset closes the connection without a reply', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'reset' });

    await assert.rejects(callApi(emulator, MODELS), TypeError);
    assert.equal(emulator.stats.requests[0]?.status, null);
  });

  test('stall-headers never replies', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'stall-headers' });

    const request = callApi(emulator, MODELS, { signal: AbortSignal.timeout(150) });

    await assert.rejects(request, { name: 'TimeoutError' });
  });

  test('stall-body sends headers and half the body', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'stall-body' });

    const response = await callApi(emulator, MODELS, { signal: AbortSignal.timeout(300) });

    assert.equal(response.status, 200);
    await assert.rejects(response.text(), { name: 'TimeoutError' });
  });

  test('delay postpones a normal reply', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'delay', ms: 150 });

    const startedAt = Date.now();
    const response = await callApi(emulator, MODELS);
    const elapsedMs = Date.now() - startedAt;

    assert.equal(response.status, 200);
    assert.ok(elapsedMs >= 140, `replied after ${elapsedMs} ms`);
  });

  test('gzip compresses a normal reply', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'gzip' });

    const response = await callApi(emulator, MODELS);
    const body = (await response.json()) as { data: unknown[] };

    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.ok(body.data.length > 0);
  });

  test('gzip compresses an error reply too', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'gzip' });

    const response = await fetch(`${emulator.url}${MODELS}`);
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 401);
    assert.match(body.detail, /Missing API key/);
  });

  test('chunked sends a normal reply in pieces', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'chunked', chunks: 5, intervalMs: 5 });

    const response = await callApi(emulator, '/v1/app/list');
    const body = (await response.json()) as { data: unknown[] };

    assert.equal(response.headers.get('transfer-encoding'), 'chunked');
    assert.equal(response.headers.get('content-length'), null);
    assert.equal(body.data.length, 7);
  });

  test('huge-body sends valid JSON of the given size', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'huge-body', bytes: 3_000_000 });

    const response = await callApi(emulator, '/v1/app/list');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const body = JSON.parse(new TextDecoder().decode(bytes)) as { data: unknown[] };

    assert.equal(bytes.length, 3_000_000);
    assert.deepEqual(body.data, []);
  });

  test('invalid-utf8 sends bytes that do not decode', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'invalid-utf8' });

    const response = await callApi(emulator, MODELS);
    const bytes = new Uint8Array(await response.arrayBuffer());

    assert.equal(response.status, 200);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), TypeError);
    assert.ok(new TextDecoder().decode(bytes).startsWith('{"message":"before '));
  });

  test('redirect points to a same-origin path', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'redirect', status: 301, location: MODELS });

    const response = await callApi(emulator, '/v1/app/list', { redirect: 'manual' });

    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), MODELS);
  });

  test('redirect is followed to the same origin', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'redirect', status: 307, location: MODELS });

    const response = await callApi(emulator, '/v1/app/list');

    assert.equal(response.status, 200);
    assert.equal(response.redirected, true);
    assert.deepEqual(
      emulator.stats.requests.map((request) => [request.path, request.status]),
      [
        ['/v1/app/list', 307],
        [MODELS, 200],
      ],
    );
  });

  test('redirect points to another origin', async (t) => {
    const emulator = await startTestEmulator(t);
    const otherOrigin = await startTestEmulator(t);
    emulator.faults.add({ kind: 'redirect', status: 308, location: `${otherOrigin.url}${MODELS}` });

    const response = await callApi(emulator, MODELS, { redirect: 'manual' });

    assert.equal(response.status, 308);
    assert.equal(response.headers.get('location'), `${otherOrigin.url}${MODELS}`);
    assert.equal(otherOrigin.stats.requests.length, 0);
  });

  test('stall-headers holds a request in flight', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.faults.add({ kind: 'stall-headers' });

    const request = callApi(emulator, MODELS, { signal: AbortSignal.timeout(1000) });
    request.catch(() => {});
    await waitUntil(() => emulator.stats.inFlight === 1);

    assert.equal(emulator.stats.requests[0]?.status, null);
    await emulator.close();
    await assert.rejects(request);
  });
});
