import { sendHttpRequest, type FetchFunction } from './http-request.ts';
import { isRecord, tryParseJson } from './json.ts';
import {
  DEFAULT_VERIFY_PATH,
  verdictKindFromFailure,
  type KeyVerdict,
  type VerifyPath,
} from './key-verdict.ts';
import type { ClientSettings } from './settings.ts';
import { failureFromStatus, readRequestId } from './status-failure.ts';

export { DEFAULT_VERIFY_PATH, VERIFY_PATHS, type VerifyPath } from './key-verdict.ts';

export interface VerifyKeyRequest {
  fetch: FetchFunction;
  apiKey: string;
  settings: Pick<ClientSettings, 'baseUrl' | 'requestTimeoutMs' | 'maxBodyBytes' | 'maxRedirects'>;
  path?: VerifyPath;
  signal?: AbortSignal;
}

/** Bodies larger than this are not needed to tell whether a key works. */
const MAX_VERIFY_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Sends one authenticated GET to `settings.baseUrl` + `path` and returns the verdict. The key
 * goes only to the base URL's origin, because `sendHttpRequest` never follows a redirect
 * elsewhere. A 2xx reply counts as valid only when its body is the JSON the Hatz API sends, so a
 * wrong base URL that replies 200 with a web page is not mistaken for a working key.
 */
export async function verifyKey(request: VerifyKeyRequest): Promise<KeyVerdict> {
  const path = request.path ?? DEFAULT_VERIFY_PATH;
  const { settings } = request;
  const outcome = await sendHttpRequest({
    fetch: request.fetch,
    method: 'GET',
    url: `${settings.baseUrl}${path}`,
    apiKey: request.apiKey,
    signal: request.signal,
    timeoutMs: settings.requestTimeoutMs,
    maxBodyBytes: Math.min(settings.maxBodyBytes, MAX_VERIFY_BODY_BYTES),
    maxRedirects: settings.maxRedirects,
  });
  const { exchange } = outcome;
  const base = {
    checkedAt: exchange.startedAt,
    path,
    status: exchange.status,
    durationMs: exchange.durationMs,
  };

  if (outcome.failure) {
    const failure = outcome.failure;
    return {
      ...base,
      kind: verdictKindFromFailure(failure),
      requestId: failure.requestId,
      failure,
    };
  }
  const requestId = readRequestId(exchange);
  const status = exchange.status ?? 0;
  if (status < 200 || status > 299) {
    const failure = failureFromStatus(exchange);
    return { ...base, kind: verdictKindFromFailure(failure), requestId, failure };
  }

  const json = exchange.responseBodyTruncated ? undefined : tryParseJson(exchange.responseBody);
  const list = isRecord(json) && Array.isArray(json.data) ? json.data : undefined;
  const isListPath = path.startsWith('/app/list');
  if (json === undefined || (isListPath && list === undefined)) {
    const message = json === undefined ? 'the reply is not JSON' : 'the reply has no "data" list';
    return {
      ...base,
      kind: 'unexpected-reply',
      requestId,
      failure: { kind: 'unexpected-body', status, requestId, message },
    };
  }
  return {
    ...base,
    kind: 'valid',
    requestId,
    seesWorkflows: isListPath && list !== undefined ? list.length > 0 : undefined,
  };
}
