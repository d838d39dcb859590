import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

import type { Fault } from './faults.ts';
import { sleep } from './sleep.ts';

/** A complete reply, before any fault changes how it travels. */
export interface Reply {
  status: number;
  contentType: string;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** Faults that let the request be handled normally and change only how the reply is sent. */
export type ReplyTransform = Extract<Fault, { kind: 'gzip' | 'chunked' | 'stall-body' }>;

const DEFAULT_CHUNK_COUNT = 4;
const DEFAULT_CHUNK_INTERVAL_MS = 20;

/**
 * Writes `reply` to `response`, changed by `transform` when one is given. Resolves when the reply
 * is sent, or at once when the client or the emulator has closed the connection. With
 * `stall-body` it resolves after the first half, leaving the response open.
 */
export async function sendReply(
  response: ServerResponse,
  reply: Reply,
  transform: ReplyTransform | undefined,
  signal: AbortSignal,
): Promise<void> {
  if (response.destroyed || signal.aborted) return;

  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const headers: Record<string, string | number> = {
    ...reply.headers,
    'content-type': reply.contentType,
  };

  switch (transform?.kind) {
    case undefined:
      response.writeHead(reply.status, { ...headers, 'content-length': body.length });
      response.end(body);
      return;

    case 'gzip': {
      const compressed = gzipSync(body);
      response.writeHead(reply.status, {
        ...headers,
        'content-encoding': 'gzip',
        'content-length': compressed.length,
        vary: 'accept-encoding',
      });
      response.end(compressed);
      return;
    }

    case 'chunked':
      await sendInChunks(response, reply.status, headers, body, transform, signal);
      return;

    case 'stall-body': {
      // The full length is announced, so the client keeps waiting for the missing half.
      response.writeHead(reply.status, { ...headers, 'content-length': body.length });
      response.write(body.subarray(0, Math.ceil(body.length / 2)));
      return;
    }
  }
}

async function sendInChunks(
  response: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body: Buffer,
  transform: Extract<ReplyTransform, { kind: 'chunked' }>,
  signal: AbortSignal,
): Promise<void> {
  const chunkCount = Math.max(1, Math.min(transform.chunks ?? DEFAULT_CHUNK_COUNT, body.length));
  const intervalMs = transform.intervalMs ?? DEFAULT_CHUNK_INTERVAL_MS;
  const chunkSize = Math.ceil(body.length / chunkCount);

  // Without content-length, Node sends `Transfer-Encoding: chunked`. Chunk boundaries fall on
  // byte offsets, so a multi-byte UTF-8 character may be split across two chunks.
  response.writeHead(status, headers);
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    if (offset > 0) {
      const waited = await sleep(intervalMs, signal);
      if (!waited || response.destroyed) return;
    }
    response.write(body.subarray(offset, offset + chunkSize));
  }
  response.end();
}
