/*
 * Network and server faults that tests queue for the next matching requests. A fault applies
 * before authentication, as a proxy or a failing server would, and the emulator still echoes or
 * generates `X-Request-ID` on every reply that it sends.
 */

import { HUGE_BODY_MIN_BYTES } from './fault-replies.ts';

/** Filter that selects the requests a fault applies to. An omitted field matches every request. */
export interface FaultMatch {
  /** HTTP method, compared case-insensitively. */
  method?: string;
  /** Exact path without the query string, or a pattern tested against that path. */
  path?: string | RegExp;
  /** Number of matching requests that get the fault, 1 when omitted. */
  times?: number;
}

export type FaultAction =
  /** Reply with this status. `body` defaults to an error body in the current style. */
  | {
      kind: 'status';
      status: number;
      /** Body to send: a string as is, any other value as JSON. */
      body?: unknown;
      contentType?: string;
      headers?: Record<string, string>;
    }
  /** An error reply with an HTML page, as a proxy in front of the API sends it, 502 by default. */
  | { kind: 'html-error'; status?: number }
  /** A 200 reply whose body is not JSON, sent as `text/plain` by default. */
  | { kind: 'non-json'; body?: string; contentType?: string }
  /** Close the connection with a TCP reset and send nothing. */
  | { kind: 'reset' }
  /** Never reply. The socket stays open until the client gives up or the emulator closes. */
  | { kind: 'stall-headers' }
  /** Handle the request, send the headers and the first half of the body, then stall. */
  | { kind: 'stall-body' }
  /** Wait `ms` milliseconds, then handle the request normally. */
  | { kind: 'delay'; ms: number }
  /** Handle the request normally and send the body gzip-compressed with `Content-Encoding`. */
  | { kind: 'gzip' }
  /** Handle the request normally and send the body in `chunks` pieces `intervalMs` apart. */
  | { kind: 'chunked'; chunks?: number; intervalMs?: number }
  /** A 200 reply whose body is valid JSON of exactly `bytes` bytes (at least 24). */
  | { kind: 'huge-body'; bytes: number }
  /** A 200 JSON reply with bytes inside a string that are not valid UTF-8. */
  | { kind: 'invalid-utf8' }
  /** A redirect to `location`, which may be a path or a URL on another origin. */
  | { kind: 'redirect'; status?: 301 | 302 | 307 | 308; location: string };

export type Fault = FaultMatch & FaultAction;
export type FaultKind = FaultAction['kind'];

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Faults waiting for their requests, taken in the order they were added. */
export class FaultQueue {
  readonly #queue: QueuedFault[] = [];

  /** Queues `fault`. Throws a RangeError naming the field when one is out of range. */
  add(fault: Fault): void {
    const times = fault.times ?? 1;
    assertFaultNumber('times', times, 1, Number.MAX_SAFE_INTEGER);
    validateFaultAction(fault);
    this.#queue.push({ fault, remaining: times });
  }

  clear(): void {
    this.#queue.length = 0;
  }

  /** Number of requests that queued faults still apply to. */
  get pending(): number {
    return this.#queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** Removes one use of the first fault that matches the request and returns that fault. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#queue.findIndex((entry) => matchesRequest(entry.fault, method, path));
    const entry = this.#queue[index];
    if (entry === undefined) return undefined;

    entry.remaining -= 1;
    if (entry.remaining === 0) this.#queue.splice(index, 1);
    return entry.fault;
  }
}

function validateFaultAction(fault: FaultAction): void {
  switch (fault.kind) {
    case 'status':
      assertFaultNumber('status', fault.status, 200, 599);
      return;
    case 'html-error':
      assertFaultNumber('status', fault.status ?? 502, 400, 599);
      return;
    case 'delay':
      assertFaultNumber('ms', fault.ms, 0, 600_000);
      return;
    case 'chunked':
      assertFaultNumber('chunks', fault.chunks ?? 1, 1, 10_000);
      assertFaultNumber('intervalMs', fault.intervalMs ?? 0, 0, 600_000);
      return;
    case 'huge-body':
      assertFaultNumber('bytes', fault.bytes, HUGE_BODY_MIN_BYTES, Number.MAX_SAFE_INTEGER);
      return;
    case 'redirect':
      // Node rejects header values with control or non-ASCII characters only when replying.
      if (!/^[\x21-\x7e]+$/.test(fault.location)) {
        throw new RangeError(
          'Invalid redirect fault: location must be a percent-encoded URL or path without spaces.',
        );
      }
      return;
    default:
      return;
  }
}

function assertFaultNumber(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Invalid fault ${name}: ${value}; use an integer from ${min} to ${max}.`);
  }
}

function matchesRequest(fault: FaultMatch, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (fault.path === undefined) return true;
  if (typeof fault.path === 'string') return fault.path === path;
  // search() ignores lastIndex, so a pattern with the g or y flag matches on every request.
  return path.search(fault.path) !== -1;
}
