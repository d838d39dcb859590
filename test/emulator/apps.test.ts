import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SAMPLE_APPS, SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { callApi, startTestEmulator } from './helpers.ts';

interface ListedApp {
  id: string;
  name: string;
  user_inputs: { variable_name: string; variable_type: string; required: boolean }[];
  steps?: unknown[];
  prompt_sections?: unknown[];
  default_model?: string;
}

async function listApps(
  emulator: Awaited<ReturnType<typeof startTestEmulator>>,
  query: string,
): Promise<{ status: number; body: { data: ListedApp[] } & Record<string, unknown> }> {
  const response = await callApi(emulator, `/v1/app/list${query}`);
  return { status: response.status, body: (await response.json()) as never };
}

describe('GET /v1/app/list', () => {
  test('lists every sample app by default', async (t) => {
    const emulator = await startTestEmulator(t);

    const { status, body } = await listApps(emulator, '');

    assert.equal(status, 200);
    assert.equal(body.data.length, SAMPLE_APPS.length);
    assert.deepEqual(Object.keys(body), ['data']);
  });

  test('includes the seed workflow with its inputs', async (t) => {
    const emulator = await startTestEmulator(t);

    const { body } = await listApps(emulator, '');
    const seed = body.data.find((app) => app.id === SAMPLE_WORKFLOW_IDS.companyBrief);

    assert.equal(seed?.name, 'Company research brief');
    assert.deepEqual(
      seed?.user_inputs.map((input) => [input.variable_name, input.variable_type, input.required]),
      [
        ['company_name', 'short_answer', true],
        ['industry', 'short_answer', true],
      ],
    );
  });

  test('filters by name case-insensitively', async (t) => {
    const emulator = await startTestEmulator(t);

    const { body } = await listApps(emulator, '?name=COMPANY%20res');

    assert.deepEqual(
      body.data.map((app) => app.id),
      [SAMPLE_WORKFLOW_IDS.companyBrief],
    );
  });

  test('returns an empty page for an unmatched name', async (t) => {
    const emulator = await startTestEmulator(t);

    const { status, body } = await listApps(emulator, '?name=no-such-workflow');

    assert.equal(status, 200);
    assert.deepEqual(body.data, []);
  });

  test('pages with limit and offset', async (t) => {
    const emulator = await startTestEmulator(t);
    const allIds = SAMPLE_APPS.map((app) => app.record.id);

    const first = await listApps(emulator, '?limit=3&offset=0');
    const second = await listApps(emulator, '?limit=3&offset=3');
    const last = await listApps(emulator, '?limit=3&offset=6');

    assert.deepEqual(
      first.body.data.map((app) => app.id),
      allIds.slice(0, 3),
    );
    assert.deepEqual(
      second.body.data.map((app) => app.id),
      allIds.slice(3, 6),
    );
    assert.deepEqual(
      last.body.data.map((app) => app.id),
      allIds.slice(6),
    );
  });

  test('pages after the name filter', async (t) => {
    const emulator = await startTestEmulator(t);

    // Four names contain "r": the company brief, market report, document summary and tone checker.
    const { body } = await listApps(emulator, '?name=R&limit=2&offset=1');

    assert.deepEqual(
      body.data.map((app) => app.id),
      [SAMPLE_WORKFLOW_IDS.marketReport, SAMPLE_WORKFLOW_IDS.documentSummary],
    );
  });

  test('returns nothing past the end', async (t) => {
    const emulator = await startTestEmulator(t);

    const { body } = await listApps(emulator, '?offset=1000');

    assert.deepEqual(body.data, []);
  });

  test('accepts the limit bounds', async (t) => {
    const emulator = await startTestEmulator(t);

    const lowest = await listApps(emulator, '?limit=1');
    const highest = await listApps(emulator, '?limit=1000');

    assert.equal(lowest.body.data.length, 1);
    assert.equal(highest.body.data.length, SAMPLE_APPS.length);
  });

  for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'limit=', 'limit=1.5', 'offset=-1']) {
    test(`rejects ${query}`, async (t) => {
      const emulator = await startTestEmulator(t);

      const { status, body } = await listApps(emulator, `?${query}`);

      assert.equal(status, 422);
      assert.match(String(body['detail']), /^Invalid (limit|offset)/);
    });
  }

  test('tells workflows from apps by steps', async (t) => {
    const emulator = await startTestEmulator(t);

    const { body } = await listApps(emulator, '');
    const plainApp = body.data.find((app) => app.id === SAMPLE_WORKFLOW_IDS.emailToneChecker);
    const workflows = body.data.filter((app) => app.id !== SAMPLE_WORKFLOW_IDS.emailToneChecker);

    assert.equal(plainApp?.steps, undefined);
    assert.equal(plainApp?.default_model, 'gpt-4o');
    assert.ok(Array.isArray(plainApp?.prompt_sections));
    assert.ok(workflows.every((app) => Array.isArray(app.steps) && app.steps.length > 0));
  });

  test('offers number, boolean and file inputs', async (t) => {
    const emulator = await startTestEmulator(t);

    const { body } = await listApps(emulator, '');
    const types = new Set(body.data.flatMap((app) => app.user_inputs.map((i) => i.variable_type)));

    assert.ok(types.has('number'));
    assert.ok(types.has('boolean'));
    assert.ok(types.has('file_upload'));
  });
});

describe('GET /v1/app/{app_id}', () => {
  test('returns one workflow', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, `/v1/app/${SAMPLE_WORKFLOW_IDS.companyBrief}`);
    const body = (await response.json()) as ListedApp;

    assert.equal(response.status, 200);
    assert.equal(body.id, SAMPLE_WORKFLOW_IDS.companyBrief);
    assert.equal(body.name, 'Company research brief');
  });

  test('matches an upper-case id', async (t) => {
    const emulator = await startTestEmulator(t);

    const id = SAMPLE_WORKFLOW_IDS.companyBrief.toUpperCase();
    const response = await callApi(emulator, `/v1/app/${id}`);

    assert.equal(response.status, 200);
  });

  test('returns 404 for an unknown id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/app/00000000-0000-4000-8000-000000000000');
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 404);
    assert.equal(body.detail, 'Invalid app_id');
  });

  test('returns 400 for an unknown id when switched', async (t) => {
    const emulator = await startTestEmulator(t, { unknownAppStatus: 400 });

    const response = await callApi(emulator, '/v1/app/not-a-uuid');

    assert.equal(response.status, 400);
  });
});

describe('GET /v1/chat/models', () => {
  test('lists a few models', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/chat/models');
    const body = (await response.json()) as { data: { id: string }[] };

    assert.equal(response.status, 200);
    assert.ok(body.data.length > 0);
    assert.ok(body.data.some((model) => model.id === 'gpt-4o'));
  });
});
