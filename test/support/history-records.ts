import type { HistoryRecord } from '../../core/history/history-record.ts';

let counter = 0;

/** Builds a completed run record; `overrides` replace top-level fields. */
export function makeHistoryRecord(overrides: Partial<HistoryRecord> = {}): HistoryRecord {
  counter++;
  const id = overrides.id ?? `run-${String(counter).padStart(6, '0')}`;
  return {
    id,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString(),
    source: 'app',
    request: {
      appId: '2cfc529e-6fd9-4a82-8f27-87b6f395c930',
      workflowName: 'Company research brief',
      inputsText: '{"company_name": "Acme Corporation", "industry": "Technology"}',
      isDraft: false,
      baseUrl: 'http://127.0.0.1:9/v1',
    },
    phase: 'completed',
    exchange: {
      method: 'POST',
      url: 'http://127.0.0.1:9/v1/workflows/run',
      requestId: `hwt-${id}`,
      requestHeaders: [['X-API-Key', '••••wxyz']],
      requestBody: '{}',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 12,
      status: 200,
      statusText: 'OK',
      responseHeaders: [['content-type', 'application/json']],
      responseBody: '{"status":"Workflow Job Invoked","job_id":"job-1"}',
      responseBodyTruncated: false,
    },
    jobId: 'job-1',
    job: {
      jobId: 'job-1',
      state: 'completed',
      rawStatus: 'complete',
      outputs: { output: 'A brief about Acme Corporation.' },
      rawBody: '{}',
      checkedAt: '2026-01-01T00:00:01.000Z',
    },
    timeline: [{ at: '2026-01-01T00:00:00.000Z', label: 'Sending run request' }],
    totalMs: 1000,
    requestId: `hwt-${id}`,
    key: { label: 'Saved key', lastFour: 'wxyz' },
    pinned: false,
    ...overrides,
  };
}
