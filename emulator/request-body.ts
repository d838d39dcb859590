import type { IncomingMessage } from 'node:http';

import { HttpError } from './http-error.ts';

/** Thrown when the client closed the connection before its body arrived, so no reply can go. */
export class ClientClosedError extends Error {
  constructor() {
    super('The client closed the connection before the request body arrived.');
    this.name = 'ClientClosedError';
  }
}

/**
 * Reads the whole request body. Throws HttpError 413 as soon as the body is known to exceed
 * `maxBytes`, from `Content-Length` or while it streams, and ClientClosedError when the client
 * aborts. The rest of an oversized body is discarded, so the reply can still reach the client.
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    request.resume();
    return Promise.reject(tooLargeError(maxBytes));
  }

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;

    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };

    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      receivedBytes += chunk.length;
      if (receivedBytes > maxBytes) {
        chunks.length = 0;
        settle(() => reject(tooLargeError(maxBytes)));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    request.on('error', () => settle(() => reject(new ClientClosedError())));
    request.on('close', () => settle(() => reject(new ClientClosedError())));
  });
}

function tooLargeError(maxBytes: number): HttpError {
  return new HttpError(413, `Request body is larger than the limit of ${maxBytes} bytes.`, {
    loc: ['body'],
    type: 'too_large',
  });
}
