import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import type { RunningEmulator } from '../../emulator/server.ts';
import { callApi, delay, postRun, startTestEmulator, waitForJob } from './helpers.ts';

function uploadForm(fields: {
  file?: Blob;
  fileName?: string;
  scopeType?: string;
  scopeId?: string;
}) {
  const form = new FormData();
  if (fields.file !== undefined) form.append('file', fields.file, fields.fileName ?? 'notes.txt');
  if (fields.scopeType !== undefined) form.append('scope_type', fields.scopeType);
  if (fields.scopeId !== undefined) form.append('scope_id', fields.scopeId);
  return form;
}

const VALID_FIELDS = {
  file: new Blob(['Quarterly numbers: up 4 %.']),
  fileName: 'q3-notes.txt',
  scopeType: 'workflow',
  scopeId: SAMPLE_WORKFLOW_IDS.documentSummary,
};

function upload(emulator: RunningEmulator, form: FormData): Promise<Response> {
  return callApi(emulator, '/v1/files/upload', { method: 'POST', body: form });
}

async function readStatus(emulator: RunningEmulator, fileId: string): Promise<string> {
  const response = await callApi(emulator, `/v1/files/${fileId}/status`);
  const body = (await response.json()) as { status: string };
  return body.status;
}

describe('POST /v1/files/upload', () => {
  test('replies with file_id by default', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await upload(emulator, uploadForm(VALID_FIELDS));
    const body = (await response.json()) as Record<string, unknown>;

    assert.equal(response.status, 200);
    assert.equal(typeof body['file_id'], 'string');
    assert.equal(body['status'], 'uploading');
    assert.equal(typeof body['message'], 'string');
  });

  test('replies with file_uuid and tokens when switched', async (t) => {
    const emulator = await startTestEmulator(t, { uploadReplyStyle: 'file_uuid' });

    const response = await upload(emulator, uploadForm(VALID_FIELDS));
    const body = (await response.json()) as Record<string, unknown>;

    assert.equal(response.status, 200);
    assert.equal(typeof body['file_uuid'], 'string');
    assert.equal(typeof body['tokens'], 'number');
    assert.equal(typeof body['message'], 'string');
    assert.equal('file_id' in body, false);
  });

  test('rejects a body without a file', async (t) => {
    const emulator = await startTestEmulator(t);

    const { file: _file, ...fieldsWithoutFile } = VALID_FIELDS;
    const response = await upload(emulator, uploadForm(fieldsWithoutFile));

    assert.equal(response.status, 400);
  });

  test('rejects a missing scope_id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await upload(emulator, uploadForm({ ...VALID_FIELDS, scopeId: undefined }));

    assert.equal(response.status, 400);
  });

  test('rejects an unknown scope_type', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await upload(emulator, uploadForm({ ...VALID_FIELDS, scopeType: 'chat' }));

    assert.equal(response.status, 400);
  });

  test('rejects an unknown scope_id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await upload(
      emulator,
      uploadForm({ ...VALID_FIELDS, scopeId: '00000000-0000-4000-8000-000000000000' }),
    );
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 404);
    assert.equal(body.detail, 'Invalid scope_id');
  });

  test('rejects a JSON body', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/files/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.match(body.detail, /multipart\/form-data/);
  });

  test('rejects a truncated multipart body', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/files/upload', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      body: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc',
    });

    assert.equal(response.status, 400);
  });

  test('rejects an upload over maxBodyBytes', async (t) => {
    const emulator = await startTestEmulator(t, { maxBodyBytes: 1000 });

    const response = await upload(
      emulator,
      uploadForm({ ...VALID_FIELDS, file: new Blob(['x'.repeat(2000)]) }),
    );

    assert.equal(response.status, 413);
  });
});

describe('GET /v1/files/{file_id}/status', () => {
  test('moves from uploading through processing to ready', async (t) => {
    const emulator = await startTestEmulator(t, { jobTimeScale: 1 });
    const response = await upload(emulator, uploadForm(VALID_FIELDS));
    const { file_id: fileId } = (await response.json()) as { file_id: string };

    const first = await readStatus(emulator, fileId);
    emulator.options.jobTimeScale = 0.5;
    await delay(200);
    const second = await readStatus(emulator, fileId);
    emulator.options.jobTimeScale = 0;
    const third = await readStatus(emulator, fileId);

    assert.equal(first, 'uploading');
    assert.equal(second, 'processing');
    assert.equal(third, 'ready');
  });

  test('fails an empty file', async (t) => {
    const emulator = await startTestEmulator(t, { jobTimeScale: 0 });
    const response = await upload(emulator, uploadForm({ ...VALID_FIELDS, file: new Blob([]) }));
    const { file_id: fileId } = (await response.json()) as { file_id: string };

    const status = await readStatus(emulator, fileId);

    assert.equal(status, 'failed');
  });

  test('returns 404 for an unknown file', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await callApi(emulator, '/v1/files/unknown-file/status');

    assert.equal(response.status, 404);
  });

  test('knows a file uploaded in the old style', async (t) => {
    const emulator = await startTestEmulator(t, { uploadReplyStyle: 'file_uuid', jobTimeScale: 0 });
    const response = await upload(emulator, uploadForm(VALID_FIELDS));
    const { file_uuid: fileId } = (await response.json()) as { file_uuid: string };

    const status = await readStatus(emulator, fileId);

    assert.equal(status, 'ready');
  });
});

describe('workflow with a file input', () => {
  test('summarizes a ready uploaded file', async (t) => {
    const emulator = await startTestEmulator(t, { jobTimeScale: 0 });
    const uploaded = await upload(emulator, uploadForm(VALID_FIELDS));
    const { file_id: fileId } = (await uploaded.json()) as { file_id: string };

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.documentSummary,
      inputs: { document: fileId },
    });
    const { job_id: jobId } = (await response.json()) as { job_id: string };
    const job = await waitForJob(emulator, jobId);
    const result = job['result'] as { output: string };

    assert.equal(response.status, 200);
    assert.match(result.output, /^Summary of q3-notes\.txt/);
  });

  test('rejects a file that is still processing', async (t) => {
    const emulator = await startTestEmulator(t, { jobTimeScale: 1 });
    const uploaded = await upload(emulator, uploadForm(VALID_FIELDS));
    const { file_id: fileId } = (await uploaded.json()) as { file_id: string };

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.documentSummary,
      inputs: { document: fileId },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.match(body.detail, /is not ready \(status: uploading\)/);
  });

  test('rejects an unknown file id', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.documentSummary,
      inputs: { document: 'no-such-file' },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(response.status, 400);
    assert.match(body.detail, /^Unknown file id for input document/);
  });

  test('requires the file input', async (t) => {
    const emulator = await startTestEmulator(t);

    const response = await postRun(emulator, {
      app_id: SAMPLE_WORKFLOW_IDS.documentSummary,
      inputs: { focus: 'risks' },
    });
    const body = (await response.json()) as { detail: string };

    assert.equal(body.detail, 'Missing required inputs: document');
  });
});
