import { STATUS_CODES } from 'node:http';

import type { ErrorBodyStyle } from './options.ts';
import type { Reply } from './reply.ts';

/** Details that the `detail-list` style puts in its FastAPI-like entry. */
export interface HttpErrorDetail {
  /** Location of the error, e.g. `['body', 'app_id']` or `['query', 'limit']`. */
  loc?: (string | number)[];
  /** Machine-readable error type, e.g. `missing` or `json_invalid`. */
  type?: string;
  headers?: Record<string, string>;
}

/** Error reply that a route handler throws. The server formats it in the current style. */
export class HttpError extends Error {
  readonly status: number;
  readonly detail: HttpErrorDetail;

  constructor(status: number, message: string, detail: HttpErrorDetail = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.detail = detail;
  }
}

/** Builds the reply for `error` with its body in `style`. */
export function formatErrorReply(error: HttpError, style: ErrorBodyStyle): Reply {
  const headers = error.detail.headers ?? {};
  if (style === 'plain-text') {
    return {
      status: error.status,
      contentType: 'text/plain; charset=utf-8',
      headers,
      body: error.message,
    };
  }
  return {
    status: error.status,
    contentType: 'application/json',
    headers,
    body: JSON.stringify(errorBody(error, style)),
  };
}

/** Builds an HttpError for `status` whose message is the standard reason phrase. */
export function httpErrorForStatus(status: number): HttpError {
  return new HttpError(status, STATUS_CODES[status] ?? `HTTP ${status}`);
}

function errorBody(error: HttpError, style: Exclude<ErrorBodyStyle, 'plain-text'>): unknown {
  switch (style) {
    case 'detail-string':
      return { detail: error.message };
    case 'detail-list':
      return {
        detail: [
          {
            loc: error.detail.loc ?? [],
            msg: error.message,
            type: error.detail.type ?? 'http_error',
          },
        ],
      };
    case 'error-object':
      return { error: { message: error.message } };
    case 'message':
      return { message: error.message };
    default:
      // Options are live, so a caller may have set a style that the type does not list.
      return { detail: error.message };
  }
}
