import { HttpError } from './http-error.ts';
import { formatJobReply } from './jobs.ts';
import type { Reply } from './reply.ts';
import { jsonReply, type RouteContext } from './route-context.ts';
import { findSampleApp, type SampleApp, type SampleJobPlan } from './sample-workflows.ts';
import { uploadStatusAt } from './uploads.ts';

/** Variable types of file inputs: `file_upload` now, `file_input` on older reference pages. */
const FILE_INPUT_TYPES = new Set(['file_upload', 'file_input']);

/**
 * Handles `POST /v1/workflows/run`. It validates, in this order, the body, `app_id`, the key's
 * permission, the workflow, its required inputs and its file inputs, then starts a job.
 */
export async function runWorkflow(context: RouteContext): Promise<Reply> {
  assertJsonContentType(context.request.headers['content-type']);
  const body = parseJsonObject(await context.readBody());
  const { appId, inputs, isDraft } = readRunFields(body);

  if (context.auth.isForbidden) {
    throw new HttpError(403, 'This API key does not have permission to run this workflow.', {
      type: 'forbidden',
    });
  }
  const app = findWorkflow(appId);
  if (app === undefined) {
    throw new HttpError(context.options.unknownAppStatus, 'Invalid app_id', {
      loc: ['body', 'app_id'],
      type: 'invalid_app_id',
    });
  }
  assertRequiredInputs(app, inputs, context.options.missingInputStatus);
  assertFileInputsReady(app, inputs, context);

  const job = context.state.jobs.create({
    app,
    inputs,
    isDraft,
    fileName: (fileId) => context.state.uploads.find(fileId)?.fileName,
    nowMs: Date.now(),
  });
  return jsonReply(context.options.runReplyStatus, {
    status: 'Workflow Job Invoked',
    job_id: job.id,
  });
}

/** Handles `GET /v1/workflows/{job_id}`. */
export function getJob(context: RouteContext): Reply {
  const jobId = context.params['jobId'] ?? '';
  const job = context.state.jobs.find(jobId);
  if (job === undefined) {
    throw new HttpError(404, `Job not found: ${jobId}`, {
      loc: ['path', 'job_id'],
      type: 'not_found',
    });
  }
  return jsonReply(200, formatJobReply(job, Date.now(), context.options));
}

/** NOTE: Hatz's reply to a run without a JSON Content-Type is not documented, so 415 is a guess. */
function assertJsonContentType(contentType: string | undefined): void {
  if (contentType === undefined) return;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return;
  throw new HttpError(
    415,
    `Content-Type must be application/json, got ${JSON.stringify(contentType)}.`,
    { loc: ['header', 'content-type'], type: 'unsupported_media_type' },
  );
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, `Request body is not valid JSON: ${reason}`, {
      loc: ['body'],
      type: 'json_invalid',
    });
  }
  if (!isPlainObject(parsed)) {
    throw new HttpError(400, 'Request body must be a JSON object.', {
      loc: ['body'],
      type: 'model_type',
    });
  }
  return parsed;
}

function readRunFields(body: Record<string, unknown>): {
  appId: string;
  inputs: Record<string, unknown>;
  isDraft: boolean;
} {
  const appId = body['app_id'];
  if (appId === undefined || appId === null || appId === '') {
    throw new HttpError(400, 'Missing app_id in the request body.', {
      loc: ['body', 'app_id'],
      type: 'missing',
    });
  }
  if (typeof appId !== 'string') {
    throw new HttpError(400, 'app_id must be a string holding the workflow UUID.', {
      loc: ['body', 'app_id'],
      type: 'string_type',
    });
  }

  const inputs = body['inputs'];
  if (!isPlainObject(inputs)) {
    throw new HttpError(
      400,
      'inputs must be a JSON object; send {} for a workflow without inputs.',
      {
        loc: ['body', 'inputs'],
        type: inputs === undefined ? 'missing' : 'dict_type',
      },
    );
  }

  const isDraft = body['is_draft_app'] ?? false;
  if (typeof isDraft !== 'boolean') {
    throw new HttpError(400, 'is_draft_app must be true or false.', {
      loc: ['body', 'is_draft_app'],
      type: 'bool_type',
    });
  }
  return { appId, inputs, isDraft };
}

/**
 * Returns the workflow with this id, or undefined for unknown ids and for plain apps.
 * NOTE: Hatz's reply to a run of a plain app is not documented, so it is treated as unknown here.
 */
function findWorkflow(appId: string): (SampleApp & { job: SampleJobPlan }) | undefined {
  const app = findSampleApp(appId);
  if (app?.job === undefined) return undefined;
  return { ...app, job: app.job };
}

/** Throws "Missing required inputs: a, b" naming, in form order, each required input not given. */
function assertRequiredInputs(
  app: SampleApp,
  inputs: Record<string, unknown>,
  status: number,
): void {
  const missing = [...app.record.user_inputs]
    .sort((left, right) => left.position - right.position)
    .filter((input) => input.required && isEmptyValue(inputs[input.variable_name]))
    .map((input) => input.variable_name);
  if (missing.length === 0) return;

  throw new HttpError(status, `Missing required inputs: ${missing.join(', ')}`, {
    loc: ['body', 'inputs'],
    type: 'missing',
  });
}

/**
 * Throws HttpError 400 when a file input names no upload, or an upload that is not `ready`.
 * NOTE: Hatz's reply to an unknown or unfinished file id is not documented, so 400 is a guess.
 */
function assertFileInputsReady(
  app: SampleApp,
  inputs: Record<string, unknown>,
  context: RouteContext,
): void {
  for (const input of app.record.user_inputs) {
    const value = inputs[input.variable_name];
    if (!FILE_INPUT_TYPES.has(input.variable_type) || isEmptyValue(value)) continue;

    const upload = typeof value === 'string' ? context.state.uploads.find(value) : undefined;
    if (upload === undefined) {
      throw new HttpError(
        400,
        `Unknown file id for input ${input.variable_name}: ${JSON.stringify(value)}; ` +
          'upload the file with POST /v1/files/upload first.',
        { loc: ['body', 'inputs', input.variable_name], type: 'file_not_found' },
      );
    }

    const status = uploadStatusAt(upload, Date.now(), context.options.jobTimeScale);
    if (status === 'failed') {
      throw new HttpError(
        400,
        `File ${upload.id} for input ${input.variable_name} failed processing; upload it again.`,
        { loc: ['body', 'inputs', input.variable_name], type: 'file_failed' },
      );
    }
    if (status !== 'ready') {
      throw new HttpError(
        400,
        `File ${upload.id} for input ${input.variable_name} is not ready (status: ${status}); ` +
          `wait until GET /v1/files/${upload.id}/status reports ready.`,
        { loc: ['body', 'inputs', input.variable_name], type: 'file_not_ready' },
      );
    }
  }
}

function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
