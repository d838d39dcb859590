import type { FaultKind } from './faults.ts';

/**
 * One request as the emulator saw it. It contains no header value, only whether the key headers
 * were present. Path and query pass through redactKeys and the query through redactQuery.
 */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string without the leading `?`, empty when there is none. */
  query: string;
  /** Status of the reply, or null while none was sent, as for resets and stalls. */
  status: number | null;
  hasApiKey: boolean;
  hasAuthorization: boolean;
  /** True when an accepted key appeared in the path or query, which clients must never do. */
  apiKeyInUrl: boolean;
  /** Fault applied to this request, if any. */
  fault: FaultKind | null;
}

export const REDACTED = '[redacted]';

const CREDENTIAL_NAME_PATTERN = /key|token|secret|auth|password/i;

/** Requests seen since start or the last reset, and how many are being handled at once. */
export class RequestStats {
  readonly requests: RecordedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly #idleWaiters: (() => void)[] = [];

  /** Records the start of a request and returns the entry, which the server completes later. */
  begin(entry: RecordedRequest): RecordedRequest {
    this.requests.push(entry);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return entry;
  }

  end(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) {
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves once no request is in flight. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Empties `requests` in place, so held references see the reset, and restarts maxInFlight. */
  reset(): void {
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
  }
}

/**
 * Replaces each value of a query parameter whose name suggests a credential, such as `api_key`
 * or `token`, by `[redacted]`, so that a wrong key sent in the URL is not recorded either.
 */
export function redactQuery(query: string): string {
  if (query === '') return query;
  return query
    .split('&')
    .map((parameter) => {
      const equals = parameter.indexOf('=');
      const name = equals === -1 ? parameter : parameter.slice(0, equals);
      return equals !== -1 && CREDENTIAL_NAME_PATTERN.test(name)
        ? `${name}=${REDACTED}`
        : parameter;
    })
    .join('&');
}

/** Replaces every occurrence of each key in `text`, raw or percent-encoded, by `[redacted]`. */
export function redactKeys(text: string, keys: readonly string[]): string {
  let redacted = text;
  for (const key of keys) {
    if (key.length === 0) continue;
    redacted = redacted.split(key).join(REDACTED);
    redacted = redacted.split(encodeURIComponent(key)).join(REDACTED);
  }
  return redacted;
}
