import { abortableSleep } from './abortable-sleep.ts';
import { sendHttpRequest, type FetchFunction, type HttpOutcome } from './http-request.ts';
import { isRecord, tryParseJson } from './json.ts';
import { readJob } from './read-job.ts';
import { readWorkflow } from './read-workflow.ts';
import { buildRunBody, type RunRequest } from './run-body.ts';
import type { Failure, HttpExchange, JobSnapshot, Result, WorkflowSummary } from './schemas.ts';
import type { ClientSettings } from './settings.ts';
import { failureFromStatus, readRequestId } from './status-failure.ts';

export interface HatzClientOptions {
  fetch: FetchFunction;
  apiKey: string;
  settings: ClientSettings;
}

/** A call's result together with the HTTP exchange behind it, when a request was sent. */
export interface ClientOutcome<T> {
  exchange?: HttpExchange;
  result: Result<T>;
}

const LIST_PAGE_SIZE = 100;
/** Stops paging a list that never ends, as a misbehaving server could send. */
const MAX_LIST_PAGES = 100;

/** Creates a client of the Hatz REST API that sends `apiKey` only to `settings.baseUrl`. */
export function createHatzClient({ fetch, apiKey, settings }: HatzClientOptions) {
  function send(
    method: 'GET' | 'POST',
    path: string,
    body?: string | FormData,
    signal?: AbortSignal,
  ) {
    return sendHttpRequest({
      fetch,
      method,
      url: `${settings.baseUrl}${path}`,
      apiKey,
      body,
      signal,
      timeoutMs: settings.requestTimeoutMs,
      maxBodyBytes: settings.maxBodyBytes,
      maxRedirects: settings.maxRedirects,
    });
  }

  /** Lists the workflows and apps the key can see, paging until a short page comes back. */
  async function listWorkflows(options: { search?: string; signal?: AbortSignal } = {}) {
    const workflows: WorkflowSummary[] = [];
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const query = new URLSearchParams({
        limit: String(LIST_PAGE_SIZE),
        offset: String(page * LIST_PAGE_SIZE),
      });
      if (options.search) query.set('name', options.search);

      const outcome = await send('GET', `/app/list?${query}`, undefined, options.signal);
      const data = readJsonReply(outcome, (body) =>
        isRecord(body) && Array.isArray(body.data) ? body.data : undefined,
      );
      if (!data.ok) return { exchange: outcome.exchange, result: data };

      for (const item of data.value) {
        const workflow = readWorkflow(item);
        if (workflow) workflows.push(workflow);
      }
      if (data.value.length < LIST_PAGE_SIZE) break;
    }
    return { result: { ok: true, value: workflows } } satisfies ClientOutcome<WorkflowSummary[]>;
  }

  async function getWorkflow(
    appId: string,
    signal?: AbortSignal,
  ): Promise<ClientOutcome<WorkflowSummary>> {
    const outcome = await send('GET', `/app/${encodeURIComponent(appId)}`, undefined, signal);
    return { exchange: outcome.exchange, result: readJsonReply(outcome, readWorkflow, appId) };
  }

  /** Starts a workflow run. The reply only confirms that a job started, and `getJob` follows it. */
  async function startRun(
    request: RunRequest,
    signal?: AbortSignal,
  ): Promise<ClientOutcome<{ jobId: string }>> {
    const body = buildRunBody(request);
    if (!body.ok) return { result: body };

    const outcome = await send('POST', '/workflows/run', body.value, signal);
    const result = readJsonReply(
      outcome,
      (reply) =>
        isRecord(reply) && typeof reply.job_id === 'string' && reply.job_id !== ''
          ? { jobId: reply.job_id }
          : undefined,
      request.appId.trim(),
    );
    return { exchange: outcome.exchange, result };
  }

  async function getJob(jobId: string, signal?: AbortSignal): Promise<ClientOutcome<JobSnapshot>> {
    const path = settings.jobStatusPath.replace('{job_id}', encodeURIComponent(jobId));
    const outcome = await send('GET', path, undefined, signal);
    if (outcome.exchange.status === 404) {
      const requestId = readRequestId(outcome.exchange);
      return {
        exchange: outcome.exchange,
        result: { ok: false, failure: { kind: 'job-not-found', jobId, status: 404, requestId } },
      };
    }
    return {
      exchange: outcome.exchange,
      result: readJsonReply(outcome, (_, body) => readJob(jobId, body, settings)),
    };
  }

  /**
   * Uploads a file for a workflow's file input with `POST /files/upload`, then polls
   * `GET /files/{id}/status` until Hatz reports `ready` or `failed`. The reply names the file
   * `file_id` in the newer API reference and `file_uuid` in the older one, so both are read.
   */
  async function uploadFile(upload: FileUpload): Promise<ClientOutcome<{ fileId: string }>> {
    // NOTE: only Node's fetch is tested with this FormData body; Electron's net.fetch is expected
    // to send it the same way, as the fetch standard requires.
    const form = new FormData();
    form.set('file', new Blob([upload.bytes], { type: upload.mimeType }), upload.fileName);
    form.set('scope_type', 'workflow');
    form.set('scope_id', upload.appId);
    const outcome = await send('POST', '/files/upload', form, upload.signal);
    const started = readJsonReply(outcome, readUploadReply);
    if (!started.ok) return { exchange: outcome.exchange, result: started };

    const { fileId } = started.value;
    let status = started.value.status;
    const deadline = Date.now() + settings.jobTimeoutMs;
    let waitMs = settings.pollInitialMs;
    // NOTE: the older reply has no status; polling it too assumes the status endpoint serves older uploads.
    while (status !== 'ready') {
      upload.onStatus?.(status);
      if (status === 'failed') {
        const message = `Hatz could not process the file "${upload.fileName}". Check that it is not empty and that Hatz accepts its type, then upload it again.`;
        return {
          exchange: outcome.exchange,
          result: { ok: false, failure: { kind: 'invalid-input', message } },
        };
      }
      if (Date.now() > deadline) {
        const failure = { kind: 'timeout', phase: 'job', afterMs: settings.jobTimeoutMs } as const;
        return { result: { ok: false, failure } };
      }
      await abortableSleep(waitMs, upload.signal);
      if (upload.signal?.aborted) return { result: { ok: false, failure: { kind: 'cancelled' } } };
      waitMs = Math.min(waitMs * settings.pollBackoff, settings.pollMaxMs);

      const poll = await send(
        'GET',
        `/files/${encodeURIComponent(fileId)}/status`,
        undefined,
        upload.signal,
      );
      const polled = readJsonReply(poll, (body) =>
        isRecord(body) && typeof body.status === 'string' ? body.status : undefined,
      );
      if (!polled.ok) return { exchange: poll.exchange, result: polled };
      status = polled.value;
    }
    upload.onStatus?.('ready');
    return { result: { ok: true, value: { fileId } } };
  }

  return { settings, listWorkflows, getWorkflow, startRun, getJob, uploadFile };
}

export type HatzClient = ReturnType<typeof createHatzClient>;

/** A file to upload for a workflow's file input. */
export interface FileUpload {
  appId: string;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  mimeType?: string;
  signal?: AbortSignal;
  /** Receives each status word Hatz reports (`uploading`, `processing`, `ready`, `failed`). */
  onStatus?: (status: string) => void;
}

function readUploadReply(body: unknown): { fileId: string; status: string } | undefined {
  if (!isRecord(body)) return undefined;
  const fileId = typeof body.file_id === 'string' ? body.file_id : body.file_uuid;
  if (typeof fileId !== 'string' || fileId === '') return undefined;
  return { fileId, status: typeof body.status === 'string' ? body.status : 'processing' };
}

/**
 * Turns an HTTP outcome into a result: the transport failure if there was one, a status failure
 * for a non-2xx reply, or the value that `read` finds in the JSON body.
 */
function readJsonReply<T>(
  outcome: HttpOutcome,
  read: (json: unknown, body: string) => T | undefined,
  appId?: string,
): Result<T> {
  const { exchange } = outcome;
  if (outcome.failure) return { ok: false, failure: outcome.failure };
  const status = exchange.status ?? 0;
  if (status < 200 || status > 299)
    return { ok: false, failure: failureFromStatus(exchange, appId) };

  const requestId = readRequestId(exchange);
  if (exchange.responseBodyTruncated) {
    return {
      ok: false,
      failure: unexpected(
        exchange,
        requestId,
        `the reply was cut at ${exchange.responseBody.length} characters`,
      ),
    };
  }
  const json = tryParseJson(exchange.responseBody);
  if (json === undefined) {
    return { ok: false, failure: unexpected(exchange, requestId, 'the reply is not JSON') };
  }
  const value = read(json, exchange.responseBody);
  if (value === undefined) {
    return {
      ok: false,
      failure: unexpected(exchange, requestId, 'the reply does not have the expected fields'),
    };
  }
  return { ok: true, value };
}

function unexpected(exchange: HttpExchange, requestId: string, message: string): Failure {
  return { kind: 'unexpected-body', status: exchange.status ?? undefined, requestId, message };
}
