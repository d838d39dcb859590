import { HttpError } from './http-error.ts';
import { MultipartError, parseBoundary, parseMultipart, type MultipartPart } from './multipart.ts';
import type { Reply } from './reply.ts';
import { jsonReply, type RouteContext } from './route-context.ts';
import { findSampleApp } from './sample-workflows.ts';
import { uploadStatusAt } from './uploads.ts';

/** The old reference's reply counts tokens, which the emulator estimates at four bytes each. */
const BYTES_PER_TOKEN = 4;

/**
 * Handles `POST /v1/files/upload`, a multipart body with `file`, `scope_type` and `scope_id`.
 * NOTE: Hatz documents the fields but not its checks: the 400 replies for a missing field or a
 * scope_type other than `workflow`, and "Invalid scope_id" for an unknown app, are guesses.
 */
export async function uploadFile(context: RouteContext): Promise<Reply> {
  const boundary = rethrowMultipartError(() =>
    parseBoundary(context.request.headers['content-type']),
  );
  const body = await context.readBody();
  const parts = rethrowMultipartError(() => parseMultipart(body, boundary));

  const file = parts.find((part) => part.name === 'file' && part.fileName !== undefined);
  if (file === undefined) {
    throw new HttpError(400, 'Missing file in the multipart body; send it as the file field.', {
      loc: ['body', 'file'],
      type: 'missing',
    });
  }
  const scopeType = readTextField(parts, 'scope_type');
  if (scopeType !== 'workflow') {
    throw new HttpError(400, `Invalid scope_type: ${JSON.stringify(scopeType)}; use workflow.`, {
      loc: ['body', 'scope_type'],
      type: 'literal_error',
    });
  }
  const scopeId = readTextField(parts, 'scope_id');
  if (findSampleApp(scopeId) === undefined) {
    throw new HttpError(context.options.unknownAppStatus, 'Invalid scope_id', {
      loc: ['body', 'scope_id'],
      type: 'invalid_app_id',
    });
  }

  const upload = context.state.uploads.add({
    fileName: file.fileName ?? '',
    sizeBytes: file.data.length,
    scopeType,
    scopeId,
    createdAtMs: Date.now(),
  });

  if (context.options.uploadReplyStyle === 'file_uuid') {
    return jsonReply(200, {
      tokens: Math.ceil(upload.sizeBytes / BYTES_PER_TOKEN),
      file_uuid: upload.id,
      message: 'File uploaded successfully.',
    });
  }
  return jsonReply(200, {
    file_id: upload.id,
    status: 'uploading',
    message: 'File upload started.',
  });
}

/**
 * Handles `GET /v1/files/{file_id}/status`, which moves from `uploading` through `processing`
 * to `ready`, or `failed` for an empty file.
 * NOTE: only the status words are documented, so the `file_id` and `error` fields are guesses.
 */
export function getUploadStatus(context: RouteContext): Reply {
  const fileId = context.params['fileId'] ?? '';
  const upload = context.state.uploads.find(fileId);
  if (upload === undefined) {
    throw new HttpError(404, `File not found: ${fileId}`, {
      loc: ['path', 'file_id'],
      type: 'not_found',
    });
  }

  const status = uploadStatusAt(upload, Date.now(), context.options.jobTimeScale);
  return jsonReply(200, {
    file_id: upload.id,
    status,
    error: status === 'failed' ? 'The file is empty.' : null,
  });
}

/** Runs `parse` and turns a MultipartError into HttpError 400. */
function rethrowMultipartError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    throw new HttpError(400, `Invalid multipart body: ${error.message}`, {
      loc: ['body'],
      type: 'multipart_invalid',
    });
  }
}

function readTextField(parts: MultipartPart[], name: string): string {
  const part = parts.find((candidate) => candidate.name === name);
  if (part === undefined) {
    throw new HttpError(400, `Missing ${name} in the multipart body.`, {
      loc: ['body', name],
      type: 'missing',
    });
  }
  return part.data.toString('utf8').trim();
}
