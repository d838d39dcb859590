import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { JobOutputField } from '../../emulator/options.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import {
  callApi,
  delay,
  postRun,
  SEED_INPUTS,
  startSeedJob,
  startTestEmulator,
  waitForJob,
} from './helpers.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /v1/workflows/run', () => {
  test('starts a job of the seed workflow', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: SEED_INPUTS,
      is_draft_app: false,
    });
    const body = (await response.json()) as { status: string; job_id: string };

    assert.equal(response.status, 200);
    assert.equal(body.status, 'Workflow Job Invoked');
    assert.match(body.job_id, UUID_PATTERN);
  });

  test('uses the switched success status', async (t) => {
    const emulator = await startTestEmulator(t, { runReplyStatus: 202 });

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: SEED_INPUTS,
    });

    assert.equal(response.status, 202);
  });

  test('starts a draft run', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.dailyDigest,
      inputs: {},
      is_draft_app: true,
    });

    assert.equal(response.status, 200);
  });

  test('rejects a body that is not JSON', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/workflows/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"app_id": "${SAMPLE_WORKFLOW_IDS.companyBrief}", "inputs": {},}`,
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.match(body.detail, /^Request body is not valid JSON/);
  });

  test('rejects an empty body', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/workflows/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });

    assert.equal(response.status, 400);
  });

  test('rejects a JSON array body', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, [SAMPLE_WORKFLOW_IDS.companyBrief]);

    assert.equal(response.status, 400);
  });

  test('rejects a text/plain body', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/workflows/run', {
      method: 'POST',
      body: JSON.stringify({ app_id: SAMPLE_WORKFLOW_IDS.dailyDigest, inputs: {} }),
    });

    assert.equal(response.status, 415);
  });

  test('rejects a missing app_id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, { inputs: SEED_INPUTS });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.match(body.detail, /app_id/);
  });

  test('rejects a numeric app_id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, { app_id: 42, inputs: {} });

    assert.equal(response.status, 400);
  });

  test('rejects missing inputs', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, { app_id: SAMPLE_WORKFLOW_IDS.dailyDigest });

    assert.equal(response.status, 400);
  });

  test('rejects inputs that are an array', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.dailyDigest,
      inputs: [],
    });

    assert.equal(response.status, 400);
  });

  test('rejects a non-boolean is_draft_app', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.dailyDigest,
      inputs: {},
      is_draft_app: 'false',
    });

    assert.equal(response.status, 400);
  });

  test('answers an unknown app with 404', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: '00000000-0000-4000-8000-000000000000',
      inputs: {},
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 404);
    assert.equal(body.detail, 'Invalid app_id');
  });

  test('answers an unknown app with 400 when switched', async (t) => {
    const emulator = await startTestEmulator(t, { unknownAppStatus: 400 });

    const response = await postRun(emulator, {
      app_id: '00000000-0000-4000-8000-000000000000',
      inputs: {},
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.equal(body.detail, 'Invalid app_id');
  });

  test('treats a plain app as an unknown workflow', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.emailToneChecker,
      inputs: { email_text: 'Hello' },
    });

    assert.equal(response.status, 404);
  });

  test('names both missing inputs', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: {},
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.equal(body.detail, 'Missing required inputs: company_name, industry');
  });

  test('counts a blank or null input as missing', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: { company_name: '   ', industry: null },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(body.detail, 'Missing required inputs: company_name, industry');
  });

  test('matches input names case-sensitively', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: { Company_Name: 'Acme Corporation', industry: 'Technology' },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(body.detail, 'Missing required inputs: company_name');
  });

  test('answers missing inputs with 422 when switched', async (t) => {
    const emulator = await startTestEmulator(t, { missingInputStatus: 422 });

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: { industry: 'Technology' },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 422);
    assert.equal(body.detail, 'Missing required inputs: company_name');
  });

  test('rejects a body over maxBodyBytes', async (t) => {
    const emulator = await startTestEmulator(t, { maxBodyBytes: 100 });

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputs: { company_name: 'x'.repeat(200), industry: 'Technology' },
    });

    assert.equal(response.status, 413);
  });

  test('rejects a chunked body over maxBodyBytes', async (t) => {
    const emulator = await startTestEmulator(t, { maxBodyBytes: 100 });
    const text = JSON.stringify({ app_id: SAMPLE_WORKFLOW_IDS.dailyDigest, inputs: {} });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.enqueue(new TextEncoder().encode(' '.repeat(200)));
        controller.close();
      },
    });

    // Node's fetch requires duplex for a stream body, but the RequestInit type lacks the field,
    // so the object is passed through a variable to skip the excess property check.
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    };
    const response = await callApi(emulator, '/v1/workflows/run', init);

    assert.equal(response.status, 413);
  });
});

describe('GET /v1/workflows/{job_id}', () => {
  test('completes the seed job with its brief', async (t) => {
    const emulator = await startTestEmulator(t);
    const jobId = await startSeedJob(emulator);

    const job = await waitForJob(emulator, jobId);
    const result = job['result'] as { output: string };

    assert.equal(job['id'], jobId);
    assert.equal(job['status'], 'complete');
    assert.equal(job['error'], null);
    assert.match(result.output, /^# Acme Corporation: company brief/);
    assert.match(result.output, /\*\*Industry:\*\* Technology/);
    assert.equal(typeof job['created_at'], 'string');
    assert.equal(typeof job['completed_at'], 'string');
  });

  test('produces the same output for the same inputs', async (t) => {
    const emulator = await startTestEmulator(t);

    const first = await waitForJob(emulator, await startSeedJob(emulator));
    const second = await waitForJob(emulator, await startSeedJob(emulator));

    assert.deepEqual(first['result'], second['result']);
  });

  test('reports a new job as pending', async (t) => {
    const emulator = await startTestEmulator(t, { jobTimeScale: 1 });
    const jobId = await startSeedJob(emulator);

    const response = await callApi(emulator, `/v1/workflows/${jobId}`);
    const job = (await response.json()) as Record<string, unknown>;

    assert.equal(response.status, 200);
    assert.equal(job['status'], 'pending');
    assert.equal(job['result'], null);
    assert.equal(job['completed_at'], null);
  });

  test('reports a running job', async (t) => {
    // At scale 0.1 the market report is pending for 100 ms and running until 800 ms.
    const emulator = await startTestEmulator(t, { jobTimeScale: 0.1 });
    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.marketReport,
      inputs: {},
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    await delay(300);
    const job = await waitForJob(emulator, jobId, { stillGoing: ['pending'] });

    assert.equal(job['status'], 'running');
  });

  test('applies a live time scale', async (t) => {
    const emulator = await startTestEmulator(t, { jobTimeScale: 1 });
    const jobId = await startSeedJob(emulator);

    emulator.options.jobTimeScale = 0;
    const response = await callApi(emulator, `/v1/workflows/${jobId}`);
    const job = (await response.json()) as Record<string, unknown>;

    assert.equal(job['status'], 'complete');
  });

  test('fails the failing workflow with its error', async (t) => {
    const emulator = await startTestEmulator(t);
    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.invoiceExtraction,
      inputs: {},
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const job = await waitForJob(emulator, jobId);

    assert.equal(job['status'], 'failed');
    assert.equal(job['result'], null);
    assert.match(String(job['error']), /Step 2 \(Extract line items\) failed/);
  });

  test('runs the workflow with no inputs', async (t) => {
    const emulator = await startTestEmulator(t);
    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.dailyDigest,
      inputs: {},
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const job = await waitForJob(emulator, jobId);

    assert.equal(job['status'], 'complete');
  });

  test('estimates from number and yes/no inputs', async (t) => {
    const emulator = await startTestEmulator(t);
    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.teamCostEstimate,
      inputs: { team_size: 12, include_travel: true },
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const job = await waitForJob(emulator, jobId);
    const result = job['result'] as { output: string };

    assert.equal(
      result.output,
      'Estimated monthly cost for a team of 12: $128400 (travel included).',
    );
  });

  test('fails the estimate for a non-numeric team size', async (t) => {
    const emulator = await startTestEmulator(t);
    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.teamCostEstimate,
      inputs: { team_size: 'twelve' },
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const job = await waitForJob(emulator, jobId);

    assert.equal(job['status'], 'failed');
    assert.match(String(job['error']), /team_size must be an integer above 0, got "twelve"/);
  });

  test('returns 404 for an unknown job', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/workflows/00000000-0000-4000-8000-000000000000');

    assert.equal(response.status, 404);
  });

  test('uses switched status words', async (t) => {
    const emulator = await startTestEmulator(t, {
      jobStatusWords: {
        pending: 'queued',
        running: 'in_progress',
        complete: 'succeeded',
        failed: 'error',
      },
    });
    const jobId = await startSeedJob(emulator);

    const job = await waitForJob(emulator, jobId, { stillGoing: ['queued', 'in_progress'] });

    assert.equal(job['status'], 'succeeded');
  });

  test('uses a switched word for failure', async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.options.jobStatusWords.failed = 'error';
    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.invoiceExtraction,
      inputs: {},
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const job = await waitForJob(emulator, jobId);

    assert.equal(job['status'], 'error');
  });

  test('keeps unswitched default words', async (t) => {
    const emulator = await startTestEmulator(t, {
      jobStatusWords: { complete: 'completed' } as never,
    });
    const jobId = await startSeedJob(emulator);

    const job = await waitForJob(emulator, jobId);

    assert.equal(job['status'], 'completed');
    assert.equal(emulator.options.jobStatusWords.pending, 'pending');
  });

  const outputCases: { field: JobOutputField; check: (value: unknown) => void }[] = [
    {
      field: 'result',
      check: (value) => assert.match((value as { output: string }).output, /Acme Corporation/),
    },
    { field: 'output', check: (value) => assert.match(String(value), /Acme Corporation/) },
    {
      field: 'outputs',
      check: (value) => {
        const steps = value as { step_id: string; display_name: string; output: string }[];
        assert.deepEqual(
          steps.map((step) => step.display_name),
          ['Gather facts', 'Write brief'],
        );
        assert.match(steps[1]?.output ?? '', /^# Acme Corporation/);
      },
    },
    {
      field: 'step_outputs',
      check: (value) => {
        const outputs = Object.values(value as Record<string, string>);
        assert.equal(outputs.length, 2);
        assert.match(outputs[1] ?? '', /^# Acme Corporation/);
      },
    },
    {
      field: 'data',
      check: (value) => assert.match((value as { output: string }).output, /Acme Corporation/),
    },
  ];
  for (const { field, check } of outputCases) {
    test(`puts outputs in ${field} when switched`, async (t) => {
      const emulator = await startTestEmulator(t, { jobOutputField: field });
      const jobId = await startSeedJob(emulator);

      const job = await waitForJob(emulator, jobId);

      check(job[field]);
      if (field !== 'result') assert.equal('result' in job, false);
    });
  }
});
