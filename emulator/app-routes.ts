import { HttpError } from './http-error.ts';
import { jsonReply, type RouteContext } from './route-context.ts';
import type { Reply } from './reply.ts';
import { findSampleApp, SAMPLE_APPS } from './sample-workflows.ts';

const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;

// NOTE: the model list's shape is not documented, so `{"data": [{id, name, provider}]}` is a guess.
const SAMPLE_MODELS = [
  { id: 'gpt-4o', name: 'GPT-4o', provider: 'openai' },
  { id: 'claude-3-5-sonnet', name: 'Claude 3.5 Sonnet', provider: 'anthropic' },
  { id: 'gemini-1.5-pro', name: 'Gemini 1.5 Pro', provider: 'google' },
];

/**
 * Handles `GET /v1/app/list`: filters by `name` (case-insensitive substring), then pages with
 * `offset` and `limit`. The reply has no total, as in Hatz.
 */
export function listApps(context: RouteContext): Reply {
  if (context.auth.isForbidden) {
    throw new HttpError(403, 'This API key does not have permission to list apps.', {
      type: 'forbidden',
    });
  }

  const limit = readIntegerParameter(context.query, 'limit', {
    defaultValue: DEFAULT_LIST_LIMIT,
    min: 1,
    max: MAX_LIST_LIMIT,
  });
  const offset = readIntegerParameter(context.query, 'offset', {
    defaultValue: 0,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
  });
  const nameFilter = (context.query.get('name') ?? '').toLowerCase();

  const matching = SAMPLE_APPS.filter((app) => app.record.name.toLowerCase().includes(nameFilter));
  const page = matching.slice(offset, offset + limit).map((app) => app.record);
  return jsonReply(200, { data: page });
}

/** Handles `GET /v1/app/{app_id}`. */
export function getApp(context: RouteContext): Reply {
  const app = findSampleApp(context.params['appId'] ?? '');
  if (app === undefined) {
    throw new HttpError(context.options.unknownAppStatus, 'Invalid app_id', {
      loc: ['path', 'app_id'],
      type: 'invalid_app_id',
    });
  }
  return jsonReply(200, app.record);
}

/** Handles `GET /v1/chat/models`, the cheapest documented call that proves a key works. */
export function listModels(): Reply {
  return jsonReply(200, { data: SAMPLE_MODELS });
}

/**
 * Returns query parameter `name` as an integer within [min, max], or `defaultValue` when absent.
 * Throws HttpError 422 for anything else, as FastAPI's query validation does.
 * NOTE: Hatz's status for an invalid limit or offset is not documented, and it may be 400.
 */
function readIntegerParameter(
  query: URLSearchParams,
  name: string,
  range: { defaultValue: number; min: number; max: number },
): number {
  const text = query.get(name);
  if (text === null) return range.defaultValue;

  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new HttpError(
      422,
      `Invalid ${name}: ${JSON.stringify(text)}; use an integer from ${range.min} to ${range.max}.`,
      { loc: ['query', name], type: 'int_range' },
    );
  }
  return value;
}
