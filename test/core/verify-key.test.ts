import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { resolveSettings } from '../../core/settings.ts';
import { verifyKey, type VerifyKeyRequest } from '../../core/verify-key.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const FORBIDDEN_KEY = 'hatz-forbidden-key-0123456789';
const LIST_PATH = '/v1/app/list';

describe('verifyKey against the emulator', () => {
  let emulator: RunningEmulator;
  let otherOrigin: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ forbiddenKeys: [FORBIDDEN_KEY] });
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

  function verify(overrides: Partial<VerifyKeyRequest> & { timeoutMs?: number } = {}) {
    const settings = resolveSettings({
      baseUrl: emulator.url,
      requestTimeoutMs: overrides.timeoutMs ?? 10_000,
    });
    return verifyKey({ fetch: globalThis.fetch, apiKey: PRACTICE_KEY, settings, ...overrides });
  }

  test('finds a valid key that sees workflows', async () => {
    const verdict = await verify();

    assert.equal(verdict.kind, 'valid');
    assert.equal(verdict.seesWorkflows, true);
    assert.equal(verdict.status, 200);
    assert.equal(verdict.path, '/app/list?limit=1');
  });

  test('asks for one item only', async () => {
    await verify();

    assert.equal(emulator.stats.requests[0]?.path, LIST_PATH);
    assert.equal(emulator.stats.requests[0]?.query, 'limit=1');
  });

  test('sends the key as X-API-Key only', async () => {
    await verify();

    assert.equal(emulator.stats.requests[0]?.hasApiKey, true);
    assert.equal(emulator.stats.requests[0]?.hasAuthorization, false);
    assert.equal(emulator.stats.requests[0]?.apiKeyInUrl, false);
  });

  test('finds a valid key that sees no workflows', async () => {
    emulator.faults.add({ path: LIST_PATH, kind: 'status', status: 200, body: { data: [] } });

    const verdict = await verify();

    assert.equal(verdict.kind, 'valid');
    assert.equal(verdict.seesWorkflows, false);
  });

  test('verifies with the model list when asked', async () => {
    const verdict = await verify({ path: '/chat/models' });

    assert.equal(verdict.kind, 'valid');
    assert.equal(verdict.seesWorkflows, undefined);
    assert.equal(emulator.stats.requests[0]?.path, '/v1/chat/models');
  });

  test('reports a wrong key as invalid-key', async () => {
    const verdict = await verify({ apiKey: 'hatz-wrong-key-0000' });

    assert.equal(verdict.kind, 'invalid-key');
    assert.equal(verdict.status, 401);
    assert.equal(verdict.failure?.kind, 'invalid-key');
  });

  test('reports a key without permission as forbidden', async () => {
    const verdict = await verify({ apiKey: FORBIDDEN_KEY });

    assert.equal(verdict.kind, 'forbidden');
    assert.equal(verdict.status, 403);
  });

  test('reports 429 as rate-limited with its wait', async () => {
    emulator.faults.add({ kind: 'status', status: 429, headers: { 'retry-after': '30' } });

    const verdict = await verify();

    assert.equal(verdict.kind, 'rate-limited');
    assert.equal(verdict.failure?.kind === 'rate-limited' && verdict.failure.retryAfterSeconds, 30);
  });

  for (const status of [500, 502, 503]) {
    test(`reports ${status} as server-error with the request id`, async () => {
      emulator.faults.add({ kind: 'status', status });

      const verdict = await verify();

      assert.equal(verdict.kind, 'server-error');
      assert.equal(verdict.status, status);
      assert.match(verdict.requestId ?? '', /^hwt-/);
    });
  }

  test('reports an HTML 502 from a proxy as server-error', async () => {
    emulator.faults.add({ kind: 'html-error', status: 502 });

    const verdict = await verify();

    assert.equal(verdict.kind, 'server-error');
  });

  test('reports a reset connection as network', async () => {
    emulator.faults.add({ kind: 'reset' });

    const verdict = await verify();

    assert.equal(verdict.kind, 'network');
    assert.equal(verdict.status, null);
  });

  test('reports a stalled server as timeout', async () => {
    emulator.faults.add({ kind: 'stall-headers' });

    const verdict = await verify({ timeoutMs: 300 });

    assert.equal(verdict.kind, 'timeout');
  });

  test('reports a refused connection as network', async () => {
    const closed = await startEmulator();
    const baseUrl = closed.url;
    await closed.close();

    const verdict = await verifyKey({
      fetch: globalThis.fetch,
      apiKey: PRACTICE_KEY,
      settings: resolveSettings({ baseUrl }),
    });

    assert.equal(verdict.kind, 'network');
    assert.equal(verdict.failure?.kind === 'network' && verdict.failure.code, 'ECONNREFUSED');
  });

  test('blocks a redirect to another origin', async () => {
    emulator.faults.add({
      kind: 'redirect',
      status: 307,
      location: `${otherOrigin.url}${LIST_PATH}?limit=1`,
    });

    const verdict = await verify();

    assert.equal(verdict.kind, 'redirect-blocked');
    assert.equal(otherOrigin.stats.requests.length, 0);
  });

  test('follows a redirect within the origin', async () => {
    emulator.faults.add({ kind: 'redirect', status: 308, location: `${LIST_PATH}?limit=1` });

    const verdict = await verify();

    assert.equal(verdict.kind, 'valid');
    assert.equal(emulator.stats.requests.length, 2);
  });

  test('reports a 200 web page as unexpected-reply', async () => {
    emulator.faults.add({
      kind: 'non-json',
      body: '<html>Sign in</html>',
      contentType: 'text/html',
    });

    const verdict = await verify();

    assert.equal(verdict.kind, 'unexpected-reply');
  });

  test('reports JSON without a data list as unexpected-reply', async () => {
    emulator.faults.add({ kind: 'status', status: 200, body: { items: [] } });

    const verdict = await verify();

    assert.equal(verdict.kind, 'unexpected-reply');
  });

  test('reports an unknown path as unexpected-reply', async () => {
    const settings = resolveSettings({ baseUrl: `${emulator.url}/v2` });

    const verdict = await verifyKey({ fetch: globalThis.fetch, apiKey: PRACTICE_KEY, settings });

    assert.equal(verdict.kind, 'unexpected-reply');
    assert.equal(verdict.status, 404);
  });

  test('reports a cancelled check as cancelled', async () => {
    emulator.faults.add({ kind: 'stall-headers' });
    const controller = new AbortController();

    const pending = verify({ signal: controller.signal });
    controller.abort();
    const verdict = await pending;

    assert.equal(verdict.kind, 'cancelled');
  });

  test('never puts the key in the verdict', async () => {
    const verdicts = [await verify(), await verify({ apiKey: 'hatz-wrong-key-0000' })];

    const text = JSON.stringify(verdicts);

    assert.doesNotMatch(text, /hatz-practice-key|hatz-wrong-key/);
  });
});

describe('verifyKey with a failing network', () => {
  function verifyWith(code: string) {
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    };
    return verifyKey({
      fetch,
      apiKey: PRACTICE_KEY,
      settings: resolveSettings({ baseUrl: 'https://127.0.0.1:9/v1' }),
    });
  }

  const cases: Array<[string, string, RegExp]> = [
    ['a DNS failure', 'ENOTFOUND', /resolved \(DNS\)/],
    ['an untrusted certificate', 'SELF_SIGNED_CERT_IN_CHAIN', /TLS certificate/],
    ['a certificate from an inspecting proxy', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', /proxy/],
  ];
  for (const [name, code, message] of cases) {
    test(`reports ${name} as network`, async () => {
      const verdict = await verifyWith(code);

      assert.equal(verdict.kind, 'network');
      assert.match(verdict.failure?.kind === 'network' ? verdict.failure.message : '', message);
    });
  }
});
