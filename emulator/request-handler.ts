import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { acceptedKeys, authenticate } from './auth.ts';
import { isReplacingFault, sendFaultReply } from './fault-replies.ts';
import type { FaultQueue } from './faults.ts';
import { formatErrorReply, HttpError } from './http-error.ts';
import type { EmulatorOptions } from './options.ts';
import { sendReply, type Reply } from './reply.ts';
import { ClientClosedError, readRequestBody } from './request-body.ts';
import type { EmulatorState } from './route-context.ts';
import { matchRoute } from './router.ts';
import { sleep } from './sleep.ts';
import { redactKeys, redactQuery, type RecordedRequest, type RequestStats } from './stats.ts';

/** Everything one emulator shares between its requests. */
export interface EmulatorServices {
  options: EmulatorOptions;
  faults: FaultQueue;
  stats: RequestStats;
  state: EmulatorState;
  /** Aborted when the emulator closes, so pending waits end at once. */
  signal: AbortSignal;
}

const MAX_REQUEST_ID_LENGTH = 200;
const REQUEST_ID_PATTERN = /^[\x21-\x7e]+$/;

/**
 * Handles one request: records it, waits `latencyMs`, applies a queued fault, then authenticates
 * and routes it. Never rejects, because an unexpected error is logged and sent as a 500 reply.
 */
export async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  services: EmulatorServices,
): Promise<void> {
  const { options, faults, stats, signal } = services;
  const method = request.method ?? 'GET';
  const target = splitTarget(request.url ?? '/', acceptedKeys(options));
  const requestId = chooseRequestId(request.headers['x-request-id']);
  response.setHeader('x-request-id', requestId);

  const record = stats.begin({
    method,
    path: target.recordedPath,
    query: target.recordedQuery,
    status: null,
    hasApiKey: request.headers['x-api-key'] !== undefined,
    hasAuthorization: request.headers.authorization !== undefined,
    apiKeyInUrl: target.hasKey,
    fault: null,
  });
  response.once('close', () => {
    recordStatus(record, response);
    stats.end();
  });

  try {
    if (!(await sleep(options.latencyMs, signal))) return;

    const fault = faults.take(method, target.path ?? '');
    record.fault = fault?.kind ?? null;
    if (fault !== undefined && isReplacingFault(fault)) {
      await sendFaultReply(response, fault, options.errorBodyStyle, signal);
      return;
    }
    if (fault?.kind === 'delay' && !(await sleep(fault.ms, signal))) return;

    const transform = fault !== undefined && fault.kind !== 'delay' ? fault : undefined;
    const reply = await produceReply(request, method, target, services);
    await sendReply(response, reply, transform, signal);
  } catch (error) {
    if (error instanceof ClientClosedError) return;
    console.error(
      `Hatz emulator: internal error in ${method} ${target.recordedPath} (request ${requestId}):`,
      error,
    );
    sendInternalError(response, requestId, options);
  } finally {
    recordStatus(record, response);
  }
}

/** Authenticates and routes the request, and turns an HttpError into its error reply. */
async function produceReply(
  request: IncomingMessage,
  method: string,
  target: RequestTarget,
  services: EmulatorServices,
): Promise<Reply> {
  const { options, state } = services;
  try {
    if (target.path === null) {
      throw new HttpError(400, 'Invalid request target; it must start with a slash.', {
        type: 'target_invalid',
      });
    }
    const auth = authenticate(request.headers, options);
    const match = matchRoute(method, target.path);
    return await match.handle({
      request,
      query: target.query,
      params: match.params,
      options,
      auth,
      state,
      readBody: () => readRequestBody(request, options.maxBodyBytes),
    });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return formatErrorReply(error, options.errorBodyStyle);
  }
}

interface RequestTarget {
  /** Raw path, or null when the request target does not start with `/`. */
  path: string | null;
  query: URLSearchParams;
  recordedPath: string;
  recordedQuery: string;
  hasKey: boolean;
}

/**
 * Splits the raw request target. It is not parsed with `new URL`, which would read `//host/x`
 * as a host name. Keys are redacted from the copies kept for stats and logs.
 */
function splitTarget(rawTarget: string, keys: string[]): RequestTarget {
  const questionMark = rawTarget.indexOf('?');
  const rawPath = questionMark === -1 ? rawTarget : rawTarget.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : rawTarget.slice(questionMark + 1);
  const recordedPath = redactKeys(rawPath, keys);
  const queryWithoutKeys = redactKeys(rawQuery, keys);

  return {
    path: rawPath.startsWith('/') ? rawPath : null,
    query: new URLSearchParams(rawQuery),
    recordedPath,
    recordedQuery: redactQuery(queryWithoutKeys),
    hasKey: recordedPath !== rawPath || queryWithoutKeys !== rawQuery,
  };
}

/** Reuses the client's X-Request-ID when it is short and printable, as Hatz does. */
function chooseRequestId(header: string | string[] | undefined): string {
  if (
    typeof header === 'string' &&
    header.length <= MAX_REQUEST_ID_LENGTH &&
    REQUEST_ID_PATTERN.test(header)
  ) {
    return header;
  }
  return randomUUID();
}

function recordStatus(record: RecordedRequest, response: ServerResponse): void {
  if (response.headersSent && record.status === null) record.status = response.statusCode;
}

function sendInternalError(
  response: ServerResponse,
  requestId: string,
  options: EmulatorOptions,
): void {
  if (response.destroyed) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const error = new HttpError(
    500,
    `Internal emulator error; see its log for request ${requestId}.`,
  );
  const reply = formatErrorReply(error, options.errorBodyStyle);
  const body = typeof reply.body === 'string' ? reply.body : reply.body.toString('utf8');
  response.writeHead(reply.status, { 'content-type': reply.contentType });
  response.end(body);
}
