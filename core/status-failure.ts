import { readErrorBody, readMissingInputs } from './read-error-body.ts';
import type { Failure, HttpExchange } from './schemas.ts';

/**
 * Maps a reply with a non-2xx status to a failure. The Hatz help centre documents what 401, 400,
 * 429 and 5xx mean. It does not give the codes for an unknown app id or missing inputs, so those
 * two are recognised by their documented message text under any 4xx status.
 */
export function failureFromStatus(exchange: HttpExchange, appId?: string): Failure {
  const status = exchange.status ?? 0;
  const serverMessage = readErrorBody(exchange.responseBody);
  const base = { status, requestId: readRequestId(exchange), serverMessage };
  const message = serverMessage ?? '';

  if (status === 401) return { ...base, kind: 'invalid-key' };
  if (status === 403) return { ...base, kind: 'forbidden' };
  if (status === 429) {
    return { ...base, kind: 'rate-limited', retryAfterSeconds: readRetryAfter(exchange) };
  }
  if (status >= 500) return { ...base, kind: 'server-error' };
  if (/invalid app_?id|app(lication)? not found|workflow not found/i.test(message)) {
    return { ...base, kind: 'unknown-workflow', appId };
  }
  if (/missing required input|required input/i.test(message)) {
    return {
      ...base,
      kind: 'missing-input',
      inputs: readMissingInputs(exchange.responseBody, message),
    };
  }
  return { ...base, kind: 'bad-request' };
}

/** Returns the request id Hatz sent back, or the one the client sent. */
export function readRequestId(exchange: HttpExchange): string {
  const returned = exchange.responseHeaders.find(([name]) => name.toLowerCase() === 'x-request-id');
  return returned?.[1] ?? exchange.requestId;
}

/** Reads `Retry-After` in seconds, from either its delay form or its HTTP-date form. */
export function readRetryAfter(exchange: HttpExchange, now = Date.now()): number | undefined {
  const header = exchange.responseHeaders.find(([name]) => name.toLowerCase() === 'retry-after');
  if (!header) return undefined;

  const value = header[1].trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
