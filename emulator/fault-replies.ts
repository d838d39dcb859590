import type { ServerResponse } from 'node:http';

import type { Fault } from './faults.ts';
import { formatErrorReply, httpErrorForStatus } from './http-error.ts';
import type { ErrorBodyStyle } from './options.ts';
import { sendReply, type Reply } from './reply.ts';

/** Faults that replace the normal handling of a request. */
export type ReplacingFault = Exclude<Fault, { kind: 'delay' | 'gzip' | 'chunked' | 'stall-body' }>;

export const HUGE_BODY_PREFIX = '{"data":[],"padding":"';
export const HUGE_BODY_SUFFIX = '"}';
/** Smallest body that the `huge-body` fault can send: the JSON around an empty padding string. */
export const HUGE_BODY_MIN_BYTES = HUGE_BODY_PREFIX.length + HUGE_BODY_SUFFIX.length;

const HUGE_BODY_PIECE_BYTES = 64 * 1024;

export function isReplacingFault(fault: Fault): fault is ReplacingFault {
  return !['delay', 'gzip', 'chunked', 'stall-body'].includes(fault.kind);
}

/**
 * Sends the reply that `fault` stands for, or none for `reset` and `stall-headers`. Resolves
 * when the reply is written, or at once when the connection or the emulator closes.
 */
export async function sendFaultReply(
  response: ServerResponse,
  fault: ReplacingFault,
  errorBodyStyle: ErrorBodyStyle,
  signal: AbortSignal,
): Promise<void> {
  switch (fault.kind) {
    case 'reset':
      response.socket?.resetAndDestroy();
      return;
    case 'stall-headers':
      // The server's close() destroys this socket.
      return;
    case 'huge-body':
      await sendHugeBody(response, fault.bytes, signal);
      return;
    default:
      await sendReply(response, buildFaultReply(fault, errorBodyStyle), undefined, signal);
  }
}

function buildFaultReply(
  fault: Exclude<ReplacingFault, { kind: 'reset' | 'stall-headers' | 'huge-body' }>,
  errorBodyStyle: ErrorBodyStyle,
): Reply {
  switch (fault.kind) {
    case 'status':
      return buildStatusReply(fault, errorBodyStyle);

    case 'html-error': {
      const status = fault.status ?? 502;
      const title = `${status} ${httpErrorForStatus(status).message}`;
      return {
        status,
        contentType: 'text/html; charset=utf-8',
        body:
          `<html>\r\n<head><title>${title}</title></head>\r\n` +
          `<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n` +
          '</body>\r\n</html>\r\n',
      };
    }

    case 'non-json':
      return {
        status: 200,
        contentType: fault.contentType ?? 'text/plain; charset=utf-8',
        body: fault.body ?? 'OK',
      };

    case 'invalid-utf8':
      // 0xC3 must start a two-byte sequence, 0x28 cannot continue one, and 0xFF never occurs.
      return {
        status: 200,
        contentType: 'application/json',
        body: Buffer.concat([
          Buffer.from('{"message":"before ', 'utf8'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          Buffer.from(' after"}', 'utf8'),
        ]),
      };

    case 'redirect': {
      const status = fault.status ?? 302;
      return {
        status,
        contentType: 'application/json',
        headers: { location: fault.location },
        body: JSON.stringify({ detail: `Moved to ${fault.location}` }),
      };
    }
  }
}

function buildStatusReply(
  fault: Extract<Fault, { kind: 'status' }>,
  errorBodyStyle: ErrorBodyStyle,
): Reply {
  if (fault.body === undefined) {
    const reply = formatErrorReply(httpErrorForStatus(fault.status), errorBodyStyle);
    return {
      ...reply,
      contentType: fault.contentType ?? reply.contentType,
      headers: fault.headers ?? {},
    };
  }
  if (typeof fault.body === 'string') {
    return {
      status: fault.status,
      contentType: fault.contentType ?? 'text/plain; charset=utf-8',
      headers: fault.headers ?? {},
      body: fault.body,
    };
  }
  return {
    status: fault.status,
    contentType: fault.contentType ?? 'application/json',
    headers: fault.headers ?? {},
    body: JSON.stringify(fault.body),
  };
}

/** Streams a valid JSON body of exactly `bytes` bytes, waiting for the client to drain it. */
async function sendHugeBody(
  response: ServerResponse,
  bytes: number,
  signal: AbortSignal,
): Promise<void> {
  if (response.destroyed || signal.aborted) return;

  response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes });
  response.write(HUGE_BODY_PREFIX);

  const piece = Buffer.alloc(HUGE_BODY_PIECE_BYTES, 'x');
  let remaining = bytes - HUGE_BODY_MIN_BYTES;
  while (remaining > 0) {
    if (response.destroyed || signal.aborted) return;
    const size = Math.min(remaining, piece.length);
    const flushed = response.write(piece.subarray(0, size));
    remaining -= size;
    if (!flushed) await waitForDrain(response);
  }
  response.end(HUGE_BODY_SUFFIX);
}

function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      response.off('drain', finish);
      response.off('close', finish);
      resolve();
    };
    response.on('drain', finish);
    response.on('close', finish);
  });
}
