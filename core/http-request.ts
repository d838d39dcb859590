import { maskKey } from './mask-key.ts';
import { createRequestId } from './request-id.ts';
import type { Failure, HttpExchange } from './schemas.ts';

export type FetchFunction = typeof globalThis.fetch;

export interface HttpRequest {
  fetch: FetchFunction;
  method: 'GET' | 'POST';
  url: string;
  apiKey: string;
  /** JSON text, or a multipart form whose boundary `fetch` sets in Content-Type. */
  body?: string | FormData;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  signal?: AbortSignal;
}

/** A finished exchange: the record for the response pane, plus a failure if no reply arrived. */
export interface HttpOutcome {
  exchange: HttpExchange;
  failure?: Failure;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one request to the Hatz API with `X-API-Key` and a fresh `X-Request-ID`, and reads the
 * whole reply body. Redirects are followed by hand within the same origin only, because a
 * redirect to another origin must never carry the key.
 */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpOutcome> {
  const requestId = createRequestId();
  const startedAt = new Date();
  const startTime = performance.now();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-API-Key': request.apiKey,
    'X-Request-ID': requestId,
  };
  if (typeof request.body === 'string') headers['Content-Type'] = 'application/json';

  const exchange: HttpExchange = {
    method: request.method,
    url: request.url,
    requestId,
    requestHeaders: Object.entries(headers).map(([name, value]) => [
      name,
      name === 'X-API-Key' ? maskKey(value) : value,
    ]),
    requestBody: describeRequestBody(request.body),
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    status: null,
    statusText: '',
    responseHeaders: [],
    responseBody: '',
    responseBodyTruncated: false,
  };
  const finish = (failure?: Failure): HttpOutcome => {
    exchange.durationMs = Math.round(performance.now() - startTime);
    return failure ? { exchange, failure: { ...failure, requestId } } : { exchange };
  };

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs);
  const signal = request.signal
    ? AbortSignal.any([request.signal, timeout.signal])
    : timeout.signal;
  try {
    let url = request.url;
    for (let redirects = 0; ; redirects++) {
      const response = await request.fetch(url, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) {
        await recordResponse(exchange, response, request.maxBodyBytes);
        return finish();
      }

      await response.body?.cancel();
      const target = new URL(location, url);
      if (target.origin !== new URL(request.url).origin) {
        recordHead(exchange, response);
        return finish({ kind: 'redirect-blocked', status: response.status, location: target.href });
      }
      if (redirects >= request.maxRedirects) {
        recordHead(exchange, response);
        return finish({
          kind: 'network',
          code: 'TOO_MANY_REDIRECTS',
          message: `more than ${request.maxRedirects} redirects, the last to ${target.href}`,
        });
      }
      url = target.href;
      exchange.url = url;
    }
  } catch (error) {
    if (request.signal?.aborted) return finish({ kind: 'cancelled' });
    if (timeout.signal.aborted) {
      return finish({ kind: 'timeout', phase: 'request', afterMs: request.timeoutMs });
    }
    return finish(describeNetworkError(error));
  } finally {
    clearTimeout(timer);
  }
}

/** Shows a multipart body by its parts' names and file sizes, never by its bytes. */
function describeRequestBody(body: string | FormData | undefined): string | undefined {
  if (typeof body === 'string' || body === undefined) return body;
  const parts = [...body.entries()].map(([name, value]) =>
    typeof value === 'string'
      ? `${name}=${value}`
      : `${name}=<file ${value.name}, ${value.size} bytes>`,
  );
  return `multipart/form-data: ${parts.join('; ')}`;
}

function recordHead(exchange: HttpExchange, response: Response): void {
  exchange.status = response.status;
  exchange.statusText = response.statusText;
  exchange.responseHeaders = [...response.headers.entries()];
}

async function recordResponse(exchange: HttpExchange, response: Response, maxBytes: number) {
  recordHead(exchange, response);
  const { bytes, isTruncated } = await readBody(response, maxBytes);
  // Invalid UTF-8 becomes U+FFFD instead of an error, so a broken body can still be shown.
  exchange.responseBody = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  exchange.responseBodyTruncated = isTruncated;
}

async function readBody(response: Response, maxBytes: number) {
  if (!response.body) return { bytes: new Uint8Array(), isTruncated: false };

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      await reader.cancel();
      return { bytes: concat(chunks, size), isTruncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { bytes: concat(chunks, size), isTruncated: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Names a network failure by its code. Node's fetch puts the code on `cause`; Electron's net.fetch
 * writes Chromium's `net::ERR_…` name into the message.
 */
export function describeNetworkError(error: unknown): Failure {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown }) : undefined;
  const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const chromiumCode = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  const code = causeCode ?? chromiumCode;
  const causeMessage = typeof cause?.message === 'string' ? cause.message : undefined;
  return { kind: 'network', code, message: describeNetworkCode(code) ?? causeMessage ?? message };
}

function describeNetworkCode(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (/ENOTFOUND|EAI_AGAIN|NAME_NOT_RESOLVED/.test(code))
    return 'the server name could not be resolved (DNS)';
  if (/ECONNREFUSED|CONNECTION_REFUSED/.test(code)) return 'the connection was refused';
  if (/ECONNRESET|CONNECTION_RESET|UND_ERR_SOCKET|EPIPE|CONNECTION_CLOSED/.test(code)) {
    return 'the connection was closed before the reply was complete';
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return 'the TLS certificate was not trusted, as happens behind a proxy that inspects traffic';
  }
  if (/PROXY/.test(code)) return 'the proxy failed or refused the connection';
  return undefined;
}
